package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SecretsCommandTest {
    private static final String PLAIN = "db:\n  user: app\n  password: hunter2\nport: 5432\n";

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();

    private String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new SecretsCommand(env));
        cli.setOut(new PrintWriter(out));
        // what the lead's Main does with it is not this test's concern: surface the exception itself
        Exception[] failure = new Exception[1];
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            failure[0] = e;
            return 1;
        });
        int exit = cli.execute(args);
        if (failure[0] instanceof RuntimeException) {
            throw (RuntimeException) failure[0];
        }
        assertThat(exit).isZero();
        return out.toString();
    }

    private String keygen(String name) throws Exception {
        String recipient = run("keygen", "-o", dir.resolve(name).toString()).strip();
        assertThat(recipient).startsWith("age1").hasSize(62);
        return recipient;
    }

    @Test
    void keygenWritesAnOwnerOnlyIdentityAndPrintsItsRecipient() throws Exception {
        String recipient = keygen("node.key");
        Path key = dir.resolve("node.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(key)).contains("# public key: " + recipient + "\n").containsPattern("\nAGE-SECRET-KEY-1[0-9A-Z]{58}\n");
        BargeException again = thrown(() -> run("keygen", "-o", key.toString()));
        assertThat(again.getMessage()).contains("already exists: refusing to overwrite an identity");
        assertThat(run("keygen")).startsWith("# created: ").contains("AGE-SECRET-KEY-1");
    }

    @Test
    void encryptWithAgeFlagsThenDecryptWithIdentityFlag() throws Exception {
        String recipient = keygen("node.key");
        Path plain = Files.writeString(dir.resolve("app.yaml"), PLAIN);

        String encrypted = run("encrypt", "--age", recipient, "--encrypted-regex", "^password$", plain.toString());

        assertThat(encrypted).doesNotContain("hunter2").contains("user: \"app\"", "encrypted_regex: \"^password$\"");
        assertThat(Files.readString(plain)).as("without --in-place the file is untouched").isEqualTo(PLAIN);
        Path secret = Files.writeString(dir.resolve("app.sops.yaml"), encrypted);
        assertThat(run("decrypt", "--identity", dir.resolve("node.key").toString(), secret.toString()))
                .isEqualTo("db:\n  user: \"app\"\n  password: \"hunter2\"\nport: 5432\n");
        assertThat(run("decrypt", "--identity", dir.resolve("node.key").toString(), "--extract", "[\"db\"][\"password\"]",
                secret.toString())).isEqualTo("hunter2");
    }

    @Test
    void encryptInPlaceFollowsCreationRulesAndLeavesNoTempFile() throws Exception {
        String recipient = keygen("node.key");
        Files.writeString(dir.resolve(".sops.yaml"), "creation_rules:\n  - path_regex: \\.env$\n    age: " + recipient + "\n");
        Path file = Files.writeString(dir.resolve("staging.env"), "DB_PASSWORD=hunter2\nMODE_unencrypted=debug\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThat(run("encrypt", "--in-place", file.toString())).isEmpty();

        assertThat(Files.readString(file)).doesNotContain("hunter2").contains("MODE_unencrypted=debug", "sops_mac=ENC[");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(".sops.yaml", "node.key", "staging.env");
        }
        env.put("SOPS_AGE_KEY_FILE", dir.resolve("node.key").toString());
        assertThat(run("decrypt", file.toString())).isEqualTo("DB_PASSWORD=hunter2\nMODE_unencrypted=debug\n");
    }

    @Test
    void updatekeysGivesANewNodeAccessWithoutTouchingValues() throws Exception {
        String first = keygen("first.key");
        String second = keygen("second.key");
        Path rules = Files.writeString(dir.resolve(".sops.yaml"), "creation_rules:\n  - age: " + first + "\n");
        Path file = Files.writeString(dir.resolve("db.json"), "{\"password\": \"hunter2\", \"port\": 5432}");
        run("encrypt", "--in-place", file.toString());
        String before = Files.readString(file);
        env.put("SOPS_AGE_KEY_FILE", dir.resolve("first.key").toString());

        assertThat(run("updatekeys", file.toString())).isEqualTo(file + ": already encrypted for the recipients of its creation rule\n");
        Files.writeString(rules, "creation_rules:\n  - age: " + first + "," + second + "\n");
        assertThat(run("updatekeys", file.toString())).isEqualTo(file + ": added " + second + "; removed none\n");

        String after = Files.readString(file);
        assertThat(after).contains(before.substring(0, before.indexOf("\"sops\"")));
        env.clear();
        assertThat(run("decrypt", "--identity", dir.resolve("second.key").toString(), "--extract", "[\"password\"]", file.toString()))
                .isEqualTo("hunter2");
    }

    @Test
    void failuresAreBargeExceptionsWithTheirExitCodes() throws Exception {
        String recipient = keygen("node.key");
        Path file = Files.writeString(dir.resolve("a.yaml"), "a: hunter2\nb_unencrypted: x\n");
        run("encrypt", "--age", recipient, "--in-place", file.toString());
        Files.writeString(file, Files.readString(file).replace("b_unencrypted: \"x\"", "b_unencrypted: \"y\""));

        BargeException tampered = thrown(() -> run("decrypt", "--identity", dir.resolve("node.key").toString(), file.toString()));
        assertThat(tampered.failure()).isEqualTo(Failure.REFUSED);
        assertThat(tampered.getMessage()).contains("MAC mismatch").doesNotContain("hunter2");

        BargeException noIdentity = thrown(() -> run("decrypt", file.toString()));
        assertThat(noIdentity.failure()).isEqualTo(Failure.REFUSED);
        assertThat(thrown(() -> run("encrypt", "--input-type", "toml", "--age", recipient, file.toString())).failure())
                .isEqualTo(Failure.USAGE);
        assertThat(thrown(() -> run("encrypt", dir.resolve("missing.yaml").toString())).getMessage()).contains("does not exist");
        assertThat(thrown(() -> run("encrypt", "--age", recipient, file.toString())).getMessage()).contains("already has sops metadata");
    }

    @Test
    void usageErrorsArePicocliParameterExceptions() {
        CommandLine cli = new CommandLine(new SecretsCommand(env));
        cli.setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute()).isEqualTo(2);
        assertThat(cli.execute("encrypt", "--encrypted-regex", "a", "--unencrypted-suffix", "b", "x.yaml")).isEqualTo(2);
    }

    private static BargeException thrown(Runnable call) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> {
            try {
                call.run();
            } catch (RuntimeException e) {
                caught[0] = e;
                throw e;
            }
        }).isInstanceOf(BargeException.class);
        return (BargeException) caught[0];
    }
}
