package dev.barge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.Main;
import dev.barge.decrypt.CryptRule;
import dev.barge.decrypt.EncryptionSettings;
import dev.barge.decrypt.KeyGen;
import dev.barge.decrypt.SopsEncryptor;
import dev.barge.decrypt.SopsFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret that reaches what the engine refuses (an unknown capability, an unknown logging driver) is
 * not quoted by apply's errors, by plan's output, nor in history.jsonl, which is readable by its owner only.
 */
class SecretValuesInApplyIT {
    private static final String MARKER = "zqmark" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    /** The marker as a capability name can be: letters only, for the host's allow-list. */
    private static final String CAPMARK = MARKER.toUpperCase().replaceAll("[0-9]", "Q");
    private static final List<String> STACKS = List.of("itsec-caps", "itsec-logs", "itsec-names");

    @TempDir
    Path tmp;

    @AfterEach
    void cleanUp() {
        Shell.removeStacks(STACKS.toArray(String[]::new));
    }

    @Test
    void secretValuesInEngineErrorsPlanAndHistoryPrintAsSensitive() throws IOException {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("deployments"));
        Files.createDirectories(repo.resolve("secrets"));
        KeyGen.GeneratedKey key = KeyGen.generate(Clock.systemUTC());
        Path identity = Files.writeString(tmp.resolve("node.key"), key.fileText());
        // identity files must be the owner's alone, or barge refuses them
        Files.setPosixFilePermissions(identity, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.write(repo.resolve("secrets/app.sops.env"), SopsEncryptor.encrypt("secrets/app.sops.env",
                ("MARK=" + MARKER + "\nCAPMARK=" + CAPMARK + "\n").getBytes(StandardCharsets.UTF_8), SopsFormat.DOTENV,
                new EncryptionSettings(List.of(key.recipient()), CryptRule.DEFAULT, false)));
        Files.writeString(repo.resolve("deployments/app.yaml"), """
                deployment: app
                match: {role: test}
                stacks:
                  - name: itsec-caps
                    env_files: [secrets/app.sops.env]
                    compose:
                      services:
                        app: {image: "busybox:1.36", command: [sleep, "600"], cap_add: ["${CAPMARK}"]}
                  - name: itsec-logs
                    env_files: [secrets/app.sops.env]
                    compose:
                      services:
                        app:
                          image: busybox:1.36
                          command: [sleep, "600"]
                          logging: {driver: "${MARK}", options: {tag: "${MARK}"}}
                  - name: itsec-names
                    env_files: [secrets/app.sops.env]
                    compose:
                      services:
                        app:
                          image: busybox:1.36
                          command: [sleep, "600"]
                          hostname: ${MARK}
                          extra_hosts: ["${MARK}:10.0.0.1"]
                          environment: {TOKEN: "${MARK}"}
                """);
        Path state = tmp.resolve("state");
        Path agent = Files.writeString(tmp.resolve("agent.yaml"), """
                node: {name: vm-s, labels: {role: test}}
                state_dir: %s
                secrets: {age_identities: [%s]}
                # the host allows them, so that the engine is what refuses them, quoting the value
                policy: {allowed_capabilities: [%s], logging_drivers: [%s]}
                """.formatted(state, identity, CAPMARK, MARKER));
        String config = agent.toString();

        List<String> outputs = new ArrayList<>();
        int plan = barge(outputs, "plan", "--config", config, "--repo", repo.toString());
        int apply = barge(outputs, "apply", "--config", config, "--repo", repo.toString(), "--auto-approve");
        barge(outputs, "history", "--config", config);
        barge(outputs, "status", "--config", config);

        assertThat(plan).as(String.join("\n", outputs)).isZero();
        assertThat(apply).as(String.join("\n", outputs)).isNotZero();
        assertThat(String.join("\n", outputs)).contains("(sensitive)")
                .doesNotContainIgnoringCase(MARKER).doesNotContainIgnoringCase(CAPMARK);
        try (Stream<Path> files = Files.walk(state)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContainIgnoringCase(MARKER)
                        .doesNotContainIgnoringCase(CAPMARK);
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("history.jsonl"))))
                .isEqualTo("rw-------");
    }

    private static int barge(List<String> outputs, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // the prefix keeps barge from seeing, let alone removing, what other tests run on this engine
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of("BARGE_STACK_PREFIX", "itsec-"));
        outputs.add("$ barge " + String.join(" ", args) + " -> " + code + "\n" + out + err);
        return code;
    }
}
