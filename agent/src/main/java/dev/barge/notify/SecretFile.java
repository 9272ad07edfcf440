package dev.barge.notify;

import dev.barge.BargeException;
import dev.barge.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A webhook target's HMAC key, from {@code notify[].secret_file}: readable by its owner only (as every
 * credential barge reads), surrounding whitespace stripped. A sops file encrypted for the node gives its
 * {@code notify_secret} value, or its only value.
 */
public final class SecretFile {
    private SecretFile() {
    }

    /** @param sops the decrypted values of a sops-encrypted file, empty for a file that is not encrypted */
    public static byte[] read(Path file, Function<byte[], Optional<Map<String, String>>> sops) {
        PrivateFiles.requireOwnerOnly(file, "notify secret_file");
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw BargeException.badInput("cannot read the notify secret_file " + file + " (" + e.getMessage()
                    + "): check notify[].secret_file");
        }
        Optional<Map<String, String>> values = sops.apply(content);
        String text;
        if (values.isEmpty()) {
            text = new String(content, StandardCharsets.UTF_8).strip();
        } else if (values.get().containsKey("notify_secret") || values.get().size() == 1) {
            text = values.get().getOrDefault("notify_secret", values.get().values().iterator().next()).strip();
        } else {
            throw BargeException.badInput("the sops file " + file + " holds " + values.get().size() + " values: name the"
                    + " notification secret's key notify_secret, or keep it alone in the file");
        }
        if (text.isEmpty()) {
            throw BargeException.badInput("the notify secret_file " + file + " is empty: put a long random string in it"
                    + " (e.g. openssl rand -hex 32) and the same in the receiver");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
