package dev.barge.decrypt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.barge.config.SecretReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For checking a repo where no age identity is at hand (a pull-request CI): sops keeps key names in
 * clear, so every variable a secret file provides is known and checked; its value is a placeholder.
 * Nothing is decrypted and the MAC is not verified: only a node with an identity can do that.
 */
public final class KeysOnlySecretReader implements SecretReader {
    /** What every secret value reads as when it was not decrypted. */
    public static final String PLACEHOLDER = "(sensitive)";

    private final SopsSecretReader detector = new SopsSecretReader(List.of());
    private volatile boolean read;

    /** True once an encrypted file was read (by key names only): validation says so only then. */
    public boolean readEncryptedFile() {
        return read;
    }

    @Override
    public boolean isEncrypted(String path, byte[] content) {
        return detector.isEncrypted(path, content);
    }

    @Override
    public Map<String, String> variables(String path, byte[] content) {
        read = true;
        List<ObjectNode> documents = SopsStores.readEncrypted(path, content, SopsFormat.ofPath(path));
        documents.forEach(d -> d.remove("sops"));
        Map<String, String> placeholders = new LinkedHashMap<>();
        Flattener.variables(path, documents).keySet().stream()
                .filter(k -> !k.startsWith("sops_"))
                .forEach(k -> placeholders.put(k, PLACEHOLDER));
        return placeholders;
    }

    @Override
    public byte[] content(String path, byte[] content) {
        read = true;
        return PLACEHOLDER.getBytes(StandardCharsets.UTF_8);
    }
}
