package dev.barge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.barge.record.HistoryEntry;
import dev.barge.record.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code barge apply} as a process pulling from a registry that wants a login (Debian's
 * docker-registry with htpasswd on 127.0.0.1): the login comes from barge.yaml {@code registries:},
 * its password from a sops dotenv that barge itself encrypted. Stack itreg, port 19301.
 */
class RegistryPullIT {

    private static final String STACK = "itreg";
    private static final int WEB_PORT = 19301;
    private static final String USER = "deployer";
    private static final String PASSWORD = "pw-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path shared;
    private static LocalRegistry registry;
    private static String image;

    @TempDir
    Path work;

    @BeforeAll
    static void startRegistry() throws IOException {
        Engine.cleanUp(STACK);
        registry = LocalRegistry.start(shared.resolve("registry"), USER, PASSWORD);
        image = registry.push("busybox:1.36", "barge/busybox:it");
    }

    @AfterAll
    static void stopRegistry() {
        Engine.cleanUp(STACK);
        if (registry != null) {
            Engine.cli(Map.of(), "rmi", image);
            registry.close();
        }
    }

    @BeforeEach
    void noContainerAndNoLocalImage() {
        Engine.cleanUp(STACK);
        Engine.cli(Map.of(), "rmi", image);
    }

    @Test
    void pullsWithTheLoginFromBargeYamlAndAnEncryptedEnvFileAndRecordsTheDigest() throws IOException {
        Path repo = repo(true);
        Path key = work.resolve("age.key");
        assertThat(barge(Map.of(), "secrets", "keygen", "-o", key.toString()).exitCode()).isZero();
        Matcher recipient = Pattern.compile("# public key: (age1[0-9a-z]+)").matcher(Files.readString(key));
        assertThat(recipient.find()).as("public key line in %s", key).isTrue();
        Path secrets = repo.resolve("secrets/registry.sops.env");
        Files.createDirectories(secrets.getParent());
        Files.writeString(secrets, "REGISTRY_PASSWORD=" + PASSWORD + "\n");
        BargeProcess.Result encrypted = barge(Map.of(), "secrets", "encrypt", "--age", recipient.group(1), "--in-place",
                secrets.toString());
        assertThat(encrypted.exitCode()).as(encrypted.output()).isZero();
        assertThat(Files.readString(secrets)).contains("REGISTRY_PASSWORD=ENC[").doesNotContain(PASSWORD);

        Path state = work.resolve("state");
        BargeProcess.Result applied = barge(Map.of("SOPS_AGE_KEY_FILE", key.toString()), "apply", "--repo", repo.toString(),
                "--labels", "role=it", "--node", "it-1", "--state-dir", state.toString(), "--auto-approve");

        assertThat(applied.exitCode()).as(applied.output()).isZero();
        assertThat(applied.output()).contains("pulled " + image + " (" + registry.address() + "/barge/busybox@sha256:");
        assertThat(Engine.containers(STACK)).extracting(Engine.Row::name, Engine.Row::state)
                .containsExactly(tuple("itreg-web-1", "running"));
        assertThat(Engine.await(Duration.ofSeconds(10), Duration.ofMillis(200), () -> "pulled".equals(Engine.get(WEB_PORT))))
                .isTrue();
        List<HistoryEntry> history = new StateStore(state).history();
        assertThat(history).singleElement().satisfies(e -> {
            assertThat(e.outcome().wire()).isEqualTo("applied");
            assertThat(e.digests().get("itreg/web")).startsWith(registry.address() + "/barge/busybox@sha256:");
        });
        assertThat(applied.output()).doesNotContain(PASSWORD);
        assertNoFileHolds(state, PASSWORD);
    }

    @Test
    void withoutALoginThePullIsRefusedForLackOfCredentialsNamingTheRegistriesSetting() throws IOException {
        Path repo = repo(false);
        Path state = work.resolve("state");
        BargeProcess.Result applied = barge(Map.of(), "apply", "--repo", repo.toString(), "--labels", "role=it",
                "--node", "it-1", "--state-dir", state.toString(), "--auto-approve");

        assertThat(applied.exitCode()).as(applied.output()).isEqualTo(1);
        assertThat(applied.output())
                .contains("pull of " + image + " was refused by registry " + registry.address()
                        + " (unauthorized, no credentials sent)")
                .contains("no basic auth credentials")
                .contains("barge has no login for " + registry.address() + ": add one for it under registries: in barge.yaml")
                .contains("Apply failed for 1 of 1 stacks.")
                .doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(Engine.containers(STACK)).isEmpty();
        assertThat(new StateStore(state).history()).singleElement()
                .satisfies(e -> assertThat(e.outcome().wire()).isEqualTo("failed"));
    }

    private Path repo(boolean withLogin) throws IOException {
        Path repo = work.resolve("repo");
        Files.createDirectories(repo.resolve("deployments"));
        Files.writeString(repo.resolve("deployments/itreg.yaml"), """
                deployment: itreg
                match: {role: it}
                stacks:
                  - name: itreg
                    compose:
                      services:
                        web:
                          image: %s
                          pull_policy: always
                          command: ["sh", "-c", "mkdir -p /www && echo pulled > /www/index.html && exec httpd -f -p 8080 -h /www"]
                          ports: ["127.0.0.1:%d:8080"]
                          stop_grace_period: 1s
                """.formatted(image, WEB_PORT));
        if (withLogin) {
            Files.writeString(repo.resolve("barge.yaml"), """
                    version: 1
                    registries:
                      - address: "%s"
                        username: %s
                        password: "${REGISTRY_PASSWORD}"
                        env_files: [secrets/registry.sops.env]
                    """.formatted(registry.address(), USER));
        }
        return repo;
    }

    private BargeProcess.Result barge(Map<String, String> env, String... args) throws IOException {
        Path dockerConfig = Files.createDirectories(work.resolve("empty-docker-config"));
        return BargeProcess.run(work, BargeProcess.env(STACK, dockerConfig, env), TIMEOUT, args);
    }

    private static void assertNoFileHolds(Path dir, String secret) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as("%s", file).doesNotContain(secret);
            }
        }
    }
}
