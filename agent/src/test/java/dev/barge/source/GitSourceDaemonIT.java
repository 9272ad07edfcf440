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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitSource over git:// against a real git daemon, plus the unreachable and silent remotes. */
class GitSourceDaemonIT {
    @TempDir
    static Path shared;
    static GitFixture repo;
    static Process daemon;
    static int port;
    static String head;

    @TempDir
    Path state;

    @BeforeAll
    static void startDaemon() throws IOException {
        repo = new GitFixture(shared.resolve("git"));
        repo.write("deployments/a.yaml", "deployment: a\n");
        head = repo.commit("over git://");
        repo.push();
        port = Servers.freePort();
        daemon = new ProcessBuilder(List.of("git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1",
                "--port=" + port, "--base-path=" + repo.root, repo.root.toString()))
                .redirectErrorStream(true)
                .redirectOutput(Files.createFile(shared.resolve("daemon.log")).toFile())
                .start();
        Servers.awaitPort(port, daemon);
    }

    @AfterAll
    static void stopDaemon() throws InterruptedException {
        if (daemon != null) {
            daemon.destroy();
            if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
    }

    @Test
    void fetchesOverTheGitProtocol() {
        GitSource source = new GitSource(Sources.of("git://127.0.0.1:" + port + "/remote.git"), state);

        assertThat(source.remoteHead()).isEqualTo(head);
        Snapshot snapshot = source.fetch();
        assertThat(snapshot.commit()).isEqualTo(head);
        assertThat(snapshot.tree().read("deployments/a.yaml")).isPresent();
    }

    @Test
    void gitProtocolWithoutVerifyIsRefused() {
        String url = "git://127.0.0.1:" + port + "/remote.git";
        AgentConfig.Source plain = new AgentConfig.Source(url, "main", ".", Duration.ofSeconds(30), AgentConfig.Auth.NONE,
                null, Sources.TIMEOUT);

        assertThatThrownBy(() -> new GitSource(plain, state))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
                    assertThat(e.getMessage()).contains("no transport security").contains("source.verify")
                            .contains("source.allow_insecure_transport: true");
                });
        assertThat(state).isEmptyDirectory();
    }

    @Test
    void repositoryTheDaemonDoesNotServeIsBadInput() {
        assertThatThrownBy(() -> new GitSource(Sources.of("git://127.0.0.1:" + port + "/missing.git"), state).fetch())
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
                    assertThat(e.getMessage()).contains("git://127.0.0.1:" + port + "/missing.git");
                });
    }

    @Test
    void closedPortIsRetryLater() {
        int closed = Servers.freePort();
        long start = System.nanoTime();

        assertThatThrownBy(() -> new GitSource(Sources.of("git://127.0.0.1:" + closed + "/remote.git"), state).fetch())
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.RETRY_LATER);
                    assertThat(e.getMessage()).startsWith("connection refused by git://127.0.0.1:" + closed);
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void silentRemoteTimesOutWithinTheTimeout() throws IOException {
        try (Servers.SilentListener silent = new Servers.SilentListener()) {
            AgentConfig.Source config = Sources.withTimeout("git://127.0.0.1:" + silent.port() + "/remote.git",
                    AgentConfig.Auth.NONE, Duration.ofSeconds(2));
            long start = System.nanoTime();

            assertThatThrownBy(() -> new GitSource(config, state).fetch())
                    .isInstanceOfSatisfying(BargeException.class, e -> {
                        assertThat(e.failure()).isEqualTo(Failure.RETRY_LATER);
                        assertThat(e.getMessage()).startsWith("timeout: git://127.0.0.1:" + silent.port())
                                .contains("within 2 s");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void unknownHostIsRetryLater() {
        assertThatThrownBy(() -> new GitSource(Sources.of("git://no-such-host.invalid/remote.git"), state).fetch())
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.RETRY_LATER);
                    assertThat(e.getMessage()).startsWith("host unknown");
                });
    }
}
