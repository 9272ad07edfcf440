package dev.barge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.SecretReader;
import dev.barge.decrypt.CryptRule;
import dev.barge.decrypt.EncryptionSettings;
import dev.barge.decrypt.Identities;
import dev.barge.decrypt.KeyGen;
import dev.barge.decrypt.SopsEncryptor;
import dev.barge.decrypt.SopsFormat;
import dev.barge.decrypt.SopsSecretReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** server.webhook_secret_file: plain or sops-encrypted with the node's age key, the owner's alone. */
class WebhookSecretTest {
    @TempDir
    Path tmp;

    @Test
    void aPlainSecretFileIsReadWithoutItsTrailingNewline() throws IOException {
        Path file = privateFile("webhook-secret", "s3cret-value\n");
        assertThat(new String(WebhookSecret.read(file).bytes(), StandardCharsets.UTF_8)).isEqualTo("s3cret-value");
    }

    @Test
    void aSopsEncryptedSecretFileIsDecryptedWithTheNodesKey() throws IOException {
        KeyGen.GeneratedKey key = KeyGen.generate(Clock.systemUTC());
        byte[] sealed = SopsEncryptor.encrypt("webhook.sops.env",
                "webhook_secret=from-sops-value\nOTHER=x\n".getBytes(StandardCharsets.UTF_8), SopsFormat.DOTENV,
                new EncryptionSettings(List.of(key.recipient()), CryptRule.DEFAULT, false));
        Path file = tmp.resolve("webhook.sops.env");
        Files.write(file, sealed);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        SecretReader sops = new SopsSecretReader(Identities.parse(key.fileText(), "test key"));

        WebhookSecret secret = WebhookSecret.read(file, content -> sops.isEncrypted(file.toString(), content)
                ? Optional.of(sops.variables(file.toString(), content)) : Optional.empty());

        assertThat(new String(secret.bytes(), StandardCharsets.UTF_8)).isEqualTo("from-sops-value");
        assertThat(secret.toString()).isEqualTo("(sensitive)");
    }

    @Test
    void aSecretFileOthersCanReadIsRefusedWithTheChmodToRun() throws IOException {
        Path file = privateFile("webhook-secret", "s3cret-value\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> WebhookSecret.read(file)).isInstanceOfSatisfying(BargeException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.REFUSED);
            assertThat(e.getMessage()).contains("chmod 600").doesNotContain("s3cret-value");
        });
    }

    private Path privateFile(String name, String text) throws IOException {
        Path file = Files.writeString(tmp.resolve(name), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
