package dev.barge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A secret barge signs or checks with (the webhook secret, the API token, a notification key), read from a
 * file that only its owner may read: anyone who reads it could act as barge or call the agent as its owner. Surrounding
 * whitespace (the trailing newline of {@code echo > file}) is not part of it. The file may be
 * sops-encrypted with the node's age key: then its value named {@code key}, or its only value, is the secret.
 *
 * @param what    "webhook secret", "API token", "notification secret": for messages
 * @param setting the agent.yaml key that names the file
 * @param key     the value's name in a sops file holding several
 * @param hint    what else to do with the secret, appended to the "is empty" message
 */
public record SecretFile(String what, String setting, String key, String hint) {

    /** @param sops the decrypted values of a sops-encrypted file, empty for a file that is not encrypted */
    public String read(Path file, Function<byte[], Optional<Map<String, String>>> sops) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                throw new BargeException(Failure.REFUSED, "the " + what + " file " + file
                        + " is readable by other users: chmod 600 " + file);
            }
            byte[] content = Files.readAllBytes(file);
            Optional<Map<String, String>> decrypted = sops.apply(content);
            String text = decrypted.isPresent() ? fromSops(file, decrypted.get())
                    : new String(content, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw BargeException.badInput("the " + what + " file " + file + " is empty: put a long random string in it"
                        + " (e.g. openssl rand -hex 32)" + hint);
            }
            return text;
        } catch (UnsupportedOperationException e) {
            throw BargeException.badInput("cannot check the permissions of " + file + ": keep it on a POSIX file system");
        } catch (IOException e) {
            throw BargeException.badInput("cannot read the " + what + " file " + file + " (" + e.getMessage()
                    + "): check " + setting);
        }
    }

    private String fromSops(Path file, Map<String, String> values) {
        if (values.containsKey(key)) {
            return values.get(key).strip();
        }
        if (values.size() == 1) {
            return values.values().iterator().next().strip();
        }
        throw BargeException.badInput("the sops file " + file + " holds " + values.size() + " values: name the " + what
                + "'s key " + key + ", or keep it alone in the file");
    }
}
