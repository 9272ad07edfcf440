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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitSource over smart HTTP with Basic auth (token file, user + password file) against git http-backend. */
class GitSourceHttpIT {
    private static final String TOKEN = "ghp_s3cr3tTok3n";

    @TempDir
    static Path shared;
    static GitFixture repo;
    static HttpGitServer tokenServer;
    static HttpGitServer passwordServer;
    static String head;

    @TempDir
    Path state;

    @BeforeAll
    static void start() {
        repo = new GitFixture(shared.resolve("git"));
        repo.write("deployments/a.yaml", "deployment: a\n");
        head = repo.commit("over http");
        repo.push();
        tokenServer = new HttpGitServer(repo.root, RemoteAccess.TOKEN_USER, TOKEN);
        passwordServer = new HttpGitServer(repo.root, "deploy", "correct horse");
    }

    @AfterAll
    static void stop() {
        if (tokenServer != null) {
            tokenServer.close();
        }
        if (passwordServer != null) {
            passwordServer.close();
        }
    }

    private Path secret(String name, String value) throws IOException {
        Path file = Files.writeString(state.resolve(name), value + "\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void tokenInTheUrlNeverLandsInTheCacheConfig() throws IOException {
        String url = tokenServer.url("remote.git").replace("http://", "http://" + RemoteAccess.TOKEN_USER + ":" + TOKEN + "@");
        GitSource source = new GitSource(Sources.of(url), state);

        assertThat(source.fetch().commit()).isEqualTo(head);
        assertThat(source.fetch().commit()).as("the cache is reused, not re-cloned").isEqualTo(head);
        String config = Files.readString(source.cacheDirectory().resolve("config"));
        assertThat(config).contains(tokenServer.url("remote.git")).doesNotContain(TOKEN).doesNotContain(RemoteAccess.TOKEN_USER);
        try (var files = Files.walk(source.cacheDirectory())) {
            assertThat(files.filter(Files::isRegularFile).map(p -> {
                try {
                    return new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).noneMatch(text -> text.contains(TOKEN));
        }
    }

    @Test
    void fetchesWithATokenFile() throws IOException {
        AgentConfig.Auth auth = new AgentConfig.Auth(secret("token", TOKEN), null, null, null, null);
        GitSource source = new GitSource(Sources.of(tokenServer.url("remote.git"), auth), state);

        assertThat(source.remoteHead()).isEqualTo(head);
        assertThat(source.fetch().commit()).isEqualTo(head);
    }

    @Test
    void fetchesWithUserAndPasswordFile() throws IOException {
        AgentConfig.Auth auth = new AgentConfig.Auth(null, "deploy", secret("password", "correct horse"), null, null);

        assertThat(new GitSource(Sources.of(passwordServer.url("remote.git"), auth), state).fetch().commit()).isEqualTo(head);
    }

    @Test
    void wrongTokenIsRefusedWithoutShowingIt() throws IOException {
        String wrong = "ghp_wr0ngTok3n";
        AgentConfig.Auth auth = new AgentConfig.Auth(secret("token", wrong), null, null, null, null);

        assertThatThrownBy(() -> new GitSource(Sources.of(tokenServer.url("remote.git"), auth), state).fetch())
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
                    assertThat(e.getMessage()).startsWith("authentication refused by " + tokenServer.url("remote.git"))
                            .doesNotContain(wrong).doesNotContain(TOKEN);
                });
    }

    @Test
    void noCredentialsIsRefused() {
        assertThatThrownBy(() -> new GitSource(Sources.of(tokenServer.url("remote.git")), state).fetch())
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.failure()).isEqualTo(Failure.REFUSED));
    }

    @Test
    void tokenInTheUrlNeverReachesTheMessage() {
        String url = tokenServer.url("remote.git").replace("http://", "http://ghp_inUrlT0ken@");

        assertThatThrownBy(() -> new GitSource(Sources.of(url), state).fetch())
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.getMessage()).doesNotContain("ghp_inUrlT0ken"));
    }

    @Test
    void missingTokenFileIsBadInput() {
        AgentConfig.Auth auth = new AgentConfig.Auth(state.resolve("missing"), null, null, null, null);

        assertThatThrownBy(() -> new GitSource(Sources.of(tokenServer.url("remote.git"), auth), state).fetch())
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
                    assertThat(e.getMessage()).contains("source.auth.token_file");
                });
    }

    @Test
    void silentHttpServerTimesOut() throws IOException {
        try (Servers.SilentListener silent = new Servers.SilentListener()) {
            AgentConfig.Auth auth = new AgentConfig.Auth(secret("token", TOKEN), null, null, null, null);
            long start = System.nanoTime();

            assertThatThrownBy(() -> new GitSource(Sources.withTimeout("http://127.0.0.1:" + silent.port() + "/remote.git", auth,
                    Duration.ofSeconds(2)), state).fetch())
                    .isInstanceOfSatisfying(BargeException.class, e -> {
                        assertThat(e.failure()).isEqualTo(Failure.RETRY_LATER);
                        assertThat(e.getMessage()).startsWith("timeout");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }
}
