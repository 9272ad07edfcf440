package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that need no Docker, run as a user runs them: arguments in, text and exit code out. */
class CliTest {
    static final Path EXAMPLE = Path.of("../examples/config-repo");
    static final Path BROKEN = Path.of("src/test/resources/repos/broken");

    record Run(int code, String out, String err) {
    }

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void validateAcceptsTheExampleRepoAndShowsWhatTheDemoNodeRuns() {
        Run r = run("validate", "--config", "../examples/agent.yaml", EXAMPLE.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("is valid:").contains("+ mars-staging/shop").contains("Skips:");
    }

    @Test
    void validateReportsEveryProblemOfABrokenRepoWithFileAndLine() {
        Run r = run("validate", BROKEN.toString());
        assertThat(r.code()).isEqualTo(65);
        List<String> problems = r.err().lines().filter(l -> !l.startsWith("barge:")).toList();
        assertThat(problems).hasSizeGreaterThanOrEqualTo(6);
        assertThat(problems).allMatch(l -> l.matches("^[\\w./-]+:\\d+: .+"), "file:line: message");
        assertThat(problems.stream().map(l -> l.substring(0, l.indexOf(':'))).distinct())
                .contains("barge.yaml", "deployments/alpha.yaml", "deployments/gamma.json");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void usageErrorsExit64WithOneLine() {
        Run r = run("validate", "--no-such-flag");
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(run("explain", EXAMPLE.toString()).code()).as("explain without a node").isEqualTo(64);
    }

    @Test
    void agentRefusesAnUnknownLogFormatInOneLine() {
        Run r = run("agent", "--log-format", "xml");
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err().strip()).isEqualTo("barge: --log-format xml is not known: use text or json");
    }

    /** Regression: --help was only known to the root command, while usage errors told people to run "barge X --help". */
    @Test
    void everySubcommandAnswersHelp() {
        for (String command : List.of("validate", "plan", "apply", "rollback", "status", "history", "logs", "secrets")) {
            Run r = run(command, "--help");
            assertThat(r.code()).as(command + ": " + r.err()).isZero();
            assertThat(r.out()).contains("Usage: barge " + command);
        }
    }

    @Test
    void explainSaysWhyEachDeploymentIsSkipped() {
        Run r = run("explain", "--labels", "client=earth,environment=production", "--node", "vm-9", EXAMPLE.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Node vm-9").contains("client is earth, wants mars")
                .contains("node vm-9 is not in nodes");
    }

    /** A repo whose stack reads DB_PASSWORD from a sops env file that barge's own CLI encrypted for a fresh key. */
    record SecretRepo(Path repo, Path key, Path env) {
    }

    static SecretRepo secretRepo(Path tmp, String environment, String secret) throws IOException {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("deployments"));
        Files.createDirectories(repo.resolve("secrets"));
        Files.writeString(repo.resolve("deployments/app.yaml"), """
                deployment: app
                match: {environment: staging}
                stacks:
                  - name: app
                    env_files: [secrets/app.sops.env]
                    compose:
                      services:
                        app:
                          image: busybox:1.36
                          environment:
                """ + environment.indent(12));
        Path env = repo.resolve("secrets/app.sops.env");
        Path key = encryptWithNewKey(tmp, env, "DB_PASSWORD=" + secret + "\n");
        assertThat(Files.readString(env)).doesNotContain(secret);
        return new SecretRepo(repo, key, env);
    }

    /** Writes {@code plaintext} to {@code file} and encrypts it in place with barge, for a new key; returns the key's file. */
    static Path encryptWithNewKey(Path tmp, Path file, String plaintext) throws IOException {
        Path key = tmp.resolve("age.key");
        Run keygen = run("secrets", "keygen", "-o", key.toString());
        assertThat(keygen.code()).as(keygen.err()).isZero();
        String recipient = keygen.out().lines().filter(l -> l.contains("age1")).findFirst().orElseThrow()
                .replaceAll(".*(age1\\w+).*", "$1");
        Files.writeString(file, plaintext);
        Run encrypt = run("secrets", "encrypt", "--age", recipient, "--in-place", file.toString());
        assertThat(encrypt.code()).as(encrypt.err()).isZero();
        return key;
    }

    @Test
    void renderShowsSecretsAsSensitiveAndWritesThemNowhere(@TempDir Path tmp) throws IOException {
        String secret = "s3cr3t-" + System.nanoTime();
        SecretRepo r = secretRepo(tmp, "DB_PASSWORD: ${DB_PASSWORD}\nDB_USER: app\n", secret);

        long before = System.currentTimeMillis();
        Run render = run(Map.of("SOPS_AGE_KEY_FILE", r.key().toString()), "render", "--repo", r.repo().toString(),
                "--labels", "environment=staging", "--node", "vm-1");
        assertThat(render.code()).as(render.err()).isZero();
        assertThat(render.out()).contains("DB_PASSWORD: (sensitive)").contains("DB_USER: app").doesNotContain(secret);
        assertThat(render.err()).doesNotContain(secret);
        assertThat(filesContaining(Path.of(System.getProperty("java.io.tmpdir")), secret, before)).isEmpty();
        assertThat(filesContaining(tmp, secret, 0)).isEmpty();
    }

    @Test
    void validateWithoutAnAgeIdentityChecksSecretKeyNamesForPullRequestCi(@TempDir Path tmp) throws IOException {
        SecretRepo r = secretRepo(tmp, "DB_PASSWORD: \"${DB_PASSWORD:?the secret file must set it}\"\n", "hunter2");
        Map<String, String> withKey = Map.of("SOPS_AGE_KEY_FILE", r.key().toString());

        Run ci = run("validate", r.repo().toString());
        assertThat(ci.code()).as(ci.err()).isZero();
        assertThat(ci.out()).contains("is valid").contains("key names only");

        Run node = run(withKey, "validate", r.repo().toString());
        assertThat(node.code()).as(node.err()).isZero();
        assertThat(node.out()).doesNotContain("key names only");

        Files.writeString(r.env(), Files.readString(r.env())
                .replace("DB_PASSWORD=ENC[AES256_GCM,data:", "DB_PASSWORD=ENC[AES256_GCM,data:A"));
        Run tampered = run(withKey, "validate", r.repo().toString());
        assertThat(tampered.code()).as(tampered.out() + tampered.err()).isEqualTo(77);
        assertThat(tampered.err()).doesNotContain("hunter2");
    }

    /** Regular files under {@code dir} modified since {@code since} whose bytes contain {@code needle}. */
    static List<Path> filesContaining(Path dir, String needle, long since) throws IOException {
        byte[] wanted = needle.getBytes(StandardCharsets.UTF_8);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                try {
                    if (Files.isRegularFile(p) && Files.size(p) < 50_000_000
                            && Files.getLastModifiedTime(p).toMillis() >= since
                            && indexOf(Files.readAllBytes(p), wanted) >= 0) {
                        found.add(p);
                    }
                } catch (IOException unreadable) {
                    // sockets, files removed while walking
                }
            }
        } catch (java.io.UncheckedIOException walking) {
            // a directory vanished under us: other processes use /tmp too
        }
        return found;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
