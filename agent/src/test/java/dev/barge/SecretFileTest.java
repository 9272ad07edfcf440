package dev.barge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
    private static final SecretFile NOTIFY = new SecretFile("notification secret", "notify[].secret_file", "notify_secret", "");

    @TempDir
    Path dir;

    @Test
    void fileOthersCanReadIsRefusedAndTheTrailingNewlineIsNotPartOfTheKey() throws IOException {
        Path file = Files.writeString(dir.resolve("secret"), "k\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> NOTIFY.read(file, c -> Optional.empty())).hasMessageContaining("chmod 600");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(NOTIFY.read(file, c -> Optional.empty())).isEqualTo("k");
    }

    @Test
    void sopsFileGivesItsNotifySecretValueOrItsOnlyOne() throws IOException {
        Path file = Files.writeString(dir.resolve("secret.sops.yaml"), "(encrypted)");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(NOTIFY.read(file, c -> Optional.of(Map.of("notify_secret", "a", "other", "b"))))
                .isEqualTo("a");
        assertThat(NOTIFY.read(file, c -> Optional.of(Map.of("key", " b\n")))).isEqualTo("b");
        assertThatThrownBy(() -> NOTIFY.read(file, c -> Optional.of(Map.of("x", "1", "y", "2"))))
                .hasMessageContaining("notify_secret").hasMessageContaining("holds 2 values");
    }
}
