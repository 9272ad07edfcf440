package dev.barge.server;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The shared secret webhooks are signed with, read from {@code server.webhook_secret_file}. A file
 * that its group or other users can read is refused: anyone who reads it can make the agent fetch
 * at will. Surrounding whitespace (the trailing newline of {@code echo > file}) is not part of it.
 * The file may be sops-encrypted with the node's age key: then its {@code webhook_secret} value, or its
 * only value, is the secret.
 */
public final class WebhookSecret {
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
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                throw new BargeException(Failure.REFUSED, "the webhook secret file " + file
                        + " is readable by other users: chmod 600 " + file);
            }
            byte[] content = Files.readAllBytes(file);
            Optional<Map<String, String>> decrypted = sops.apply(content);
            String text = decrypted.isPresent() ? fromSops(file, decrypted.get())
                    : new String(content, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw BargeException.badInput("the webhook secret file " + file + " is empty: put a long random string in it"
                        + " (e.g. openssl rand -hex 32) and the same in the git host's webhook settings");
            }
            return new WebhookSecret(text.getBytes(StandardCharsets.UTF_8));
        } catch (UnsupportedOperationException e) {
            throw BargeException.badInput("cannot check the permissions of " + file + ": keep it on a POSIX file system");
        } catch (IOException e) {
            throw BargeException.badInput("cannot read the webhook secret file " + file + " (" + e.getMessage()
                    + "): check server.webhook_secret_file");
        }
    }

    private static String fromSops(Path file, Map<String, String> values) {
        if (values.containsKey("webhook_secret")) {
            return values.get("webhook_secret").strip();
        }
        if (values.size() == 1) {
            return values.values().iterator().next().strip();
        }
        throw BargeException.badInput("the sops file " + file + " holds " + values.size() + " values: name the webhook"
                + " secret's key webhook_secret, or keep it alone in the file");
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
