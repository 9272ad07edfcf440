package dev.barge.server;

import dev.barge.SecretFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The shared secret webhooks are signed with, read from {@code server.webhook_secret_file}. A file
 * that its group or other users can read is refused: anyone who reads it can make the agent fetch
 * at will. Surrounding whitespace (the trailing newline of {@code echo > file}) is not part of it.
 * The file may be sops-encrypted with the node's age key: then its {@code webhook_secret} value, or its
 * only value, is the secret.
 */
public final class WebhookSecret {
    private static final SecretFile FILE = new SecretFile("webhook secret", "server.webhook_secret_file",
            "webhook_secret", " and the same in the git host's webhook settings");
    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    public static WebhookSecret read(Path file) {
        return read(file, content -> Optional.empty());
    }

    /**
     * @param sops the decrypted values of a sops-encrypted file, empty for a file that is not encrypted
     */
    public static WebhookSecret read(Path file, Function<byte[], Optional<Map<String, String>>> sops) {
        return new WebhookSecret(FILE.read(file, sops).getBytes(StandardCharsets.UTF_8));
    }

    /** For tests. */
    static WebhookSecret of(String text) {
        return new WebhookSecret(text.getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes() {
        return Arrays.copyOf(key, key.length);
    }

    @Override
    public String toString() {
        return "(sensitive)";
    }
}
