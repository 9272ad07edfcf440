package dev.barge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitSource over ssh against a local OpenSSH server: key auth, strict known_hosts, failures. */
class GitSourceSshIT {
    @TempDir
    static Path shared;
    static GitFixture repo;
    static SshServer sshd;
    static Path ed25519;
    static Path rsa;
    static Path stranger;
    static Path knownHosts;
    static String head;
    static String url;

    @TempDir
    Path state;

    @BeforeAll
    static void start() throws IOException {
        repo = new GitFixture(shared.resolve("git"));
        repo.write("deployments/a.yaml", "deployment: a\n");
        head = repo.commit("over ssh");
        repo.push();
        Path keys = Files.createDirectories(shared.resolve("keys"));
        ed25519 = SshServer.keygen(keys.resolve("id_ed25519"), "ed25519");
        rsa = SshServer.keygen(keys.resolve("id_rsa"), "rsa");
        stranger = SshServer.keygen(keys.resolve("id_stranger"), "ed25519");
        sshd = new SshServer(shared.resolve("sshd"), List.of(pub(ed25519), pub(rsa)));
        knownHosts = Files.writeString(shared.resolve("known_hosts"), sshd.knownHostsLine());
        url = "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + sshd.port + repo.remote;
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static Path pub(Path key) {
        return key.resolveSibling(key.getFileName() + ".pub");
    }

    private static AgentConfig.Auth key(Path privateKey, Path hosts) {
        return new AgentConfig.Auth(null, null, null, privateKey, hosts);
    }

    @Test
    void fetchesWithAnEd25519Key() {
        Snapshot snapshot = new GitSource(Sources.of(url, key(ed25519, knownHosts)), state).fetch();

        assertThat(snapshot.commit()).as(sshd.log()).isEqualTo(head);
        assertThat(snapshot.tree().read("deployments/a.yaml")).isPresent();
    }

    @Test
    void fetchesWithAnRsaKey() {
        GitSource source = new GitSource(Sources.of(url, key(rsa, knownHosts)), state);

        assertThat(source.remoteHead()).isEqualTo(head);
        assertThat(source.fetch().commit()).isEqualTo(head);
    }

    @Test
    void keyTheServerDoesNotKnowIsRefused() {
        assertThatThrownBy(() -> new GitSource(Sources.of(url, key(stranger, knownHosts)), state).fetch())
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
                    assertThat(e.getMessage()).startsWith("authentication refused by " + url);
                });
    }

    @Test
    void hostMissingFromKnownHostsIsRefusedWithTheFix() throws IOException {
        Path empty = Files.writeString(state.resolve("known_hosts"), "");

        assertThatThrownBy(() -> new GitSource(Sources.of(url, key(ed25519, empty)), state).fetch())
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
                    assertThat(e.getMessage()).contains("host key of 127.0.0.1").contains("ssh-keyscan -p " + sshd.port + " 127.0.0.1");
                });
        assertThat(empty).isEmptyFile(); // strict: never learns a key by itself
    }

    @Test
    void changedHostKeyIsRefused() throws IOException {
        Path other = SshServer.keygen(state.resolve("other_host_key"), "ed25519");
        String[] otherKey = Files.readString(pub(other)).strip().split(" ");
        Path wrong = Files.writeString(state.resolve("known_hosts"), "[127.0.0.1]:" + sshd.port + " " + otherKey[0] + " " + otherKey[1] + "\n");

        assertThatThrownBy(() -> new GitSource(Sources.of(url, key(ed25519, wrong)), state).fetch())
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
                    assertThat(e.getMessage()).contains("host key of 127.0.0.1");
                });
    }

    @Test
    void closedPortIsRetryLater() {
        String closed = "ssh://root@127.0.0.1:" + Servers.freePort() + "/srv/repo.git";

        assertThatThrownBy(() -> new GitSource(Sources.of(closed, key(ed25519, knownHosts)), state).fetch())
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.failure()).isEqualTo(Failure.RETRY_LATER));
    }

    @Test
    void silentServerTimesOut() throws IOException {
        try (Servers.SilentListener silent = new Servers.SilentListener()) {
            String silentUrl = "ssh://root@127.0.0.1:" + silent.port() + "/srv/repo.git";
            long start = System.nanoTime();

            assertThatThrownBy(() -> new GitSource(Sources.withTimeout(silentUrl, key(ed25519, knownHosts), Duration.ofSeconds(2)), state).fetch())
                    .isInstanceOfSatisfying(BargeException.class, e -> {
                        assertThat(e.failure()).isEqualTo(Failure.RETRY_LATER);
                        assertThat(e.getMessage()).startsWith("timeout");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void missingKeyFileIsBadInput() {
        Path missing = state.resolve("nope");

        assertThatThrownBy(() -> new GitSource(Sources.of(url, key(missing, knownHosts)), state).fetch())
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
                    assertThat(e.getMessage()).contains("source.auth.ssh_key").contains(missing.toString());
                });
    }
}
