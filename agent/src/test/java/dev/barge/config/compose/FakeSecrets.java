package dev.barge.config.compose;

import dev.barge.BargeException;
import dev.barge.config.SecretReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stands in for the sops reader: a file is "encrypted" when it starts with {@code SOPS\n}; its plaintext
 * is the rest. A file starting with {@code SOPS-BROKEN\n} fails to decrypt.
 */
final class FakeSecrets implements SecretReader {
    static final String MARK = "SOPS\n";
    static final String BROKEN = "SOPS-BROKEN\n";

    @Override
    public boolean isEncrypted(String path, byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        return text.startsWith(MARK) || text.startsWith(BROKEN);
    }

    @Override
    public Map<String, String> variables(String path, byte[] content) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : plaintext(path, content).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                variables.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return variables;
    }

    @Override
    public byte[] content(String path, byte[] content) {
        return plaintext(path, content).getBytes(StandardCharsets.UTF_8);
    }

    private static String plaintext(String path, byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith(BROKEN)) {
            throw BargeException.refused("cannot decrypt " + path + ": MAC mismatch; re-encrypt it with barge secrets encrypt");
        }
        return text.substring(MARK.length());
    }
}
