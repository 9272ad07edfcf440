package dev.barge.server;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;

/**
 * The shared secret webhooks are signed with, read from {@code server.webhook_secret_file}. A file
 * that its group or other users can read is refused: anyone who reads it can make the agent fetch
 * at will. Surrounding whitespace (the trailing newline of {@code echo > file}) is not part of it.
 */
public final class WebhookSecret {
    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    public static WebhookSecret read(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                throw new BargeException(Failure.REFUSED, "the webhook secret file " + file
                        + " is readable by other users: chmod 600 " + file);
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
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
