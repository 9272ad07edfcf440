package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.barge.source.GitFixture;
import dev.barge.source.SshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code barge doctor} as an operator runs it: a config repo served over ssh by a local OpenSSH server with a
 * deploy key, a sops file for the node's key, the real engine, and a {@code systemctl} on the
 * PATH that answers for the unit. A healthy node passes; each broken variant names its problem and exits 1.
 * Doctor creates nothing in the engine.
 */
class DoctorIT {
    private static final String SECRET = "doctor-s3cret-" + System.nanoTime();

    @TempDir
    static Path shared;
    private static SshServer sshd;
    private static String url;
    private static Path deployKey;
    private static Path strangerKey;
    private static Path knownHosts;
    private static Path ageKey;

    @TempDir
    Path tmp;
    private Path config;
    private Path stateDir;
    private final Map<String, String> env = new HashMap<>();

    /** The git host and the keys, shared: starting sshd and making keys is the slow part. */
    @BeforeAll
    static void startGitHost() throws IOException {
        GitFixture repo = new GitFixture(shared.resolve("git"));
        repo.write("deployments/app.yaml", """
                deployment: itdoc
                match: {environment: staging}
                stacks:
                  - name: itdoc
                    env_files: [secrets/app.sops.env]
                    compose:
                      services:
                        app:
                          image: busybox:1.36
                          environment:
                            DB_PASSWORD: ${DB_PASSWORD}
                """);
        repo.write("secrets/app.sops.env", "");
        Path key = CliTest.encryptWithNewKey(shared, repo.work.resolve("secrets/app.sops.env"), "DB_PASSWORD=" + SECRET + "\n");
        repo.commit("a stack with a secret");
        repo.push();
        ageKey = key;
        Path keys = Files.createDirectory(shared.resolve("keys"));
        deployKey = SshServer.keygen(keys.resolve("id_deploy"), "ed25519");
        strangerKey = SshServer.keygen(keys.resolve("id_stranger"), "ed25519");
        sshd = new SshServer(shared.resolve("sshd"), java.util.List.of(keys.resolve("id_deploy.pub")));
        knownHosts = privateFile(shared.resolve("known_hosts"), sshd.knownHostsLine());
        url = "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + sshd.port + repo.remote;
    }

    @AfterAll
    static void stopGitHost() throws InterruptedException {
        if (sshd != null) {
            sshd.close();
        }
    }

    @BeforeEach
    void setUp() throws IOException {

        stateDir = Files.createDirectory(tmp.resolve("state"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        config = writeConfig(ageKey, deployKey);
        Path bin = Files.createDirectory(tmp.resolve("bin"));
        systemctl(bin, "enabled", "active");
        env.put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin");
    }

    @Test
    void aHealthyNodePassesEveryCheck() {
        CliTest.Run r = doctor();
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("✓ agent config " + config + " is valid: node doc-1, labels environment=staging")
                .contains("✓ state dir " + stateDir).contains("mode 0700")
                .containsPattern("✓ Docker engine \\S+ at \\S+ answers \\(API [0-9.]+\\)")
                .contains("✓ branch main of ssh://").contains("fetched, head ")
                .contains("✓ the age identities decrypt all 1 secret file(s) node doc-1's stacks use")
                .contains("✓ node doc-1 runs 1 stack(s): itdoc")
                .contains("✓ barge.service is enabled and active")
                .contains("✓ free disk under state dir").contains("All ").doesNotContain("✗");
        assertThat(r.out() + r.err()).doesNotContain(SECRET);
    }

    @Test
    void aStoppedEngineIsNamedWithTheFix() {
        env.put("DOCKER_HOST", "unix://" + tmp.resolve("no-engine.sock"));
        CliTest.Run r = doctor();
        assertThat(r.code()).isEqualTo(1);
        assertThat(failures(r)).singleElement().asString().contains("Docker engine").contains("no-engine.sock");
        assertThat(r.out()).contains("fix: start it (systemctl start docker)").contains("1 check failed");
    }

    @Test
    void aDeployKeyTheGitHostDoesNotKnowIsNamed() throws IOException {
        config = writeConfig(ageKey, strangerKey);
        CliTest.Run r = doctor();
        assertThat(r.code()).isEqualTo(1);
        assertThat(failures(r)).singleElement().asString().contains("ssh://");
        assertThat(r.out()).contains("fix: check source.url, source.branch and the credentials")
                .contains("- the node's stacks and secrets: needs the config and the source");
    }

    @Test
    void aWrongAgeKeyIsNamedWithTheFile() throws IOException {
        Path other = tmp.resolve("other");
        Files.createDirectory(other);
        Path wrongKey = CliTest.encryptWithNewKey(other, other.resolve("unused.env"), "X=1\n");
        config = writeConfig(wrongKey, deployKey);
        CliTest.Run r = doctor();
        assertThat(r.code()).isEqualTo(1);
        assertThat(failures(r)).singleElement().asString().contains("secrets/app.sops.env");
        assertThat(r.out()).contains("fix: give the node an age identity").doesNotContain(SECRET);
    }

    @Test
    void aWorldWritableStateDirIsNamedWithTheFix() throws IOException {
        Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        CliTest.Run r = doctor();
        assertThat(r.code()).isEqualTo(1);
        assertThat(failures(r)).singleElement().asString().contains("state dir " + stateDir).contains("writable by group or others")
                .contains("chmod 700 " + stateDir);
        // the git cache and ssh files live in the state dir: nothing is written into one barge does not trust
        assertThat(r.out()).contains("- the git source: needs a state dir barge trusts");
        assertThat(stateDir.resolve("repo.git")).doesNotExist();
    }

    @Test
    void anInactiveUnitIsNamedWithTheFix() throws IOException {
        systemctl(tmp.resolve("bin"), "enabled", "failed");
        CliTest.Run r = doctor();
        assertThat(r.code()).isEqualTo(1);
        assertThat(failures(r)).singleElement().asString().isEqualTo("✗ barge.service is enabled and failed");
        assertThat(r.out()).contains("fix: systemctl enable --now barge.service");
    }

    @Test
    void jsonSaysWhichCheckFailed() throws Exception {
        env.put("DOCKER_HOST", "unix://" + tmp.resolve("no-engine.sock"));
        CliTest.Run r = CliTest.run(env, "doctor", "--config", config.toString(), "--json");
        assertThat(r.code()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("format_version").asText()).isEqualTo("1");
        assertThat(json.get("healthy").asBoolean()).isFalse();
        JsonNode engine = null;
        for (JsonNode check : json.get("checks")) {
            if (check.get("check").asText().equals("engine")) {
                engine = check;
            }
        }
        assertThat(engine).isNotNull();
        assertThat(engine.get("result").asText()).isEqualTo("failed");
        assertThat(engine.get("fix").asText()).contains("systemctl start docker");
    }

    private CliTest.Run doctor() {
        return CliTest.run(env, "doctor", "--config", config.toString());
    }

    private static java.util.List<String> failures(CliTest.Run r) {
        return r.out().lines().filter(l -> l.startsWith("✗")).toList();
    }

    private Path writeConfig(Path ageKey, Path sshKey) throws IOException {
        return privateFile(tmp.resolve("agent.yaml"), """
                node:
                  name: doc-1
                  labels: {environment: staging}
                source:
                  url: %s
                  branch: main
                  auth: {ssh_key: %s, known_hosts: %s}
                secrets:
                  age_identities: [%s]
                state_dir: %s
                """.formatted(url, sshKey, knownHosts, ageKey, stateDir));
    }

    private static Path privateFile(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static void systemctl(Path bin, String enabled, String active) throws IOException {
        Path script = bin.resolve("systemctl");
        Files.writeString(script, """
                #!/bin/sh
                case "$1" in
                  is-enabled) echo %s ;;
                  is-active) echo %s ;;
                esac
                """.formatted(enabled, active));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }
}
