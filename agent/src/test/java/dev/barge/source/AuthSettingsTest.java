package dev.barge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthSettingsTest {
    private static final Path TOKEN = Path.of("/etc/barge/git-token");
    private static final Path PASSWORD = Path.of("/etc/barge/git-password");
    private static final Path KEY = Path.of("/etc/barge/id_ed25519");
    private static final Path HOSTS = Path.of("/etc/barge/known_hosts");

    static Stream<Arguments> conflicts() {
        return Stream.of(
                Arguments.of("https://h/r.git", new AgentConfig.Auth(TOKEN, null, PASSWORD, null, null), "both token_file and password_file"),
                Arguments.of("https://h/r.git", new AgentConfig.Auth(null, null, PASSWORD, null, null), "needs source.auth.username"),
                Arguments.of("https://h/r.git", new AgentConfig.Auth(null, null, null, KEY, HOSTS), "apply to ssh URLs"),
                Arguments.of("git@h:r.git", new AgentConfig.Auth(TOKEN, null, null, KEY, HOSTS), "mixes ssh_key"),
                Arguments.of("git@h:r.git", new AgentConfig.Auth(TOKEN, null, null, null, null), "apply to https URLs"),
                Arguments.of("git@h:r.git", AgentConfig.Auth.NONE, "ssh_key is not set"),
                Arguments.of("ssh://git@h:2222/r.git", new AgentConfig.Auth(null, null, null, KEY, null), "known_hosts is not set"),
                Arguments.of("git://h/r.git", new AgentConfig.Auth(TOKEN, null, null, null, null), "takes no credentials"),
                Arguments.of("file:///srv/r.git", new AgentConfig.Auth(null, null, null, KEY, HOSTS), "takes no credentials"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("conflicts")
    void namesTheConflict(String url, AgentConfig.Auth auth, String message) {
        assertThatThrownBy(() -> AuthSettings.check(RemoteUrl.parse(url), auth))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    private static Path file(Path dir, String name, String mode) throws IOException {
        Path file = Files.writeString(dir.resolve(name), "t\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void acceptsTheUsualSetups(@TempDir Path dir) throws IOException {
        Path token = file(dir, "token", "rw-------");
        Path key = file(dir, "key", "r--------");
        Path hosts = file(dir, "known_hosts", "rw-r--r--");
        assertThat(AuthSettings.check(RemoteUrl.parse("https://h/r.git"), new AgentConfig.Auth(token, null, null, null, null))).isNotNull();
        assertThat(AuthSettings.check(RemoteUrl.parse("https://h/r.git"), new AgentConfig.Auth(null, "deploy", token, null, null))).isNotNull();
        assertThat(AuthSettings.check(RemoteUrl.parse("git@h:r.git"), new AgentConfig.Auth(null, null, null, key, hosts))).isNotNull();
        assertThat(AuthSettings.check(RemoteUrl.parse("git://h/r.git"), null)).isEqualTo(AgentConfig.Auth.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"rw-rw-rw-", "rw-r--r--", "rw-r-----"})
    void groupOrWorldReadableTokenFileIsRefusedWithTheChmodToRun(String mode, @TempDir Path dir) throws IOException {
        Path token = file(dir, "token", mode);

        assertThatThrownBy(() -> AuthSettings.check(RemoteUrl.parse("https://h/r.git"), new AgentConfig.Auth(token, null, null, null, null)))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
                    assertThat(e.getMessage()).startsWith("source.auth.token_file file " + token + " can be read or changed by group or others")
                            .endsWith(": run chmod 600 " + token);
                });
        // and again when it is read for a fetch, should its mode change later
        assertThatThrownBy(() -> SecretFiles.read(token, "source.auth.token_file"))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.failure()).isEqualTo(Failure.REFUSED));
    }

    @Test
    void worldReadableSshKeyAndPasswordFileAreRefused(@TempDir Path dir) throws IOException {
        Path key = file(dir, "key", "rw-r--r--");
        Path hosts = file(dir, "known_hosts", "rw-r--r--");
        Path password = file(dir, "password", "rw-r--r--");

        assertThatThrownBy(() -> AuthSettings.check(RemoteUrl.parse("git@h:r.git"), new AgentConfig.Auth(null, null, null, key, hosts)))
                .hasMessageEndingWith("run chmod 600 " + key);
        assertThatThrownBy(() -> AuthSettings.check(RemoteUrl.parse("https://h/r.git"), new AgentConfig.Auth(null, "u", password, null, null)))
                .hasMessageEndingWith("run chmod 600 " + password);
    }

    @Test
    void knownHostsWritableByOthersIsRefused(@TempDir Path dir) throws IOException {
        Path key = file(dir, "key", "rw-------");
        Path hosts = file(dir, "known_hosts", "rw-rw-r--");

        assertThatThrownBy(() -> AuthSettings.check(RemoteUrl.parse("git@h:r.git"), new AgentConfig.Auth(null, null, null, key, hosts)))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
                    assertThat(e.getMessage()).endsWith("run chmod go-w " + hosts);
                });
    }

    @Test
    void missingCredentialFileIsReportedAtStartUp() {
        assertThatThrownBy(() -> AuthSettings.check(RemoteUrl.parse("https://h/r.git"), new AgentConfig.Auth(TOKEN, null, null, null, null)))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
                    assertThat(e.getMessage()).contains("source.auth.token_file file " + TOKEN);
                });
    }
}
