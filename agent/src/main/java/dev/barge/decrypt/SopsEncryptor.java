package dev.barge.decrypt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.barge.BargeException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encrypts a plain file as sops does, in memory: a fresh 32-byte data key, every value the crypt rule
 * selects encrypted with its key path as AAD, the MAC over the plaintext leaves, and the data key
 * wrapped for each age recipient. The input's format is kept; comments are not (as with any Jackson tree).
 */
public final class SopsEncryptor {
    /** The sops release whose format barge writes; informational for readers. */
    static final String SOPS_VERSION = "3.10.2";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SopsEncryptor() {
    }

    public static byte[] encrypt(String path, byte[] plaintext, SopsFormat format, EncryptionSettings settings) {
        List<ObjectNode> documents = SopsStores.readPlain(path, plaintext, format);
        for (ObjectNode document : documents) {
            if (document.has("sops")) {
                throw BargeException.badInput(path + ": already has sops metadata (a top-level 'sops' key or sops_* lines):"
                        + " it is encrypted already, or rename that key");
            }
        }
        byte[] dataKey = new byte[DataKeys.DATA_KEY_BYTES];
        RANDOM.nextBytes(dataKey);
        try {
            CryptRule rule = settings.rule();
            MacComputer mac = new MacComputer(settings.macOnlyEncrypted());
            List<ObjectNode> encrypted = new ArrayList<>();
            for (ObjectNode document : documents) {
                encrypted.add(TreeWalk.map(document, (keyPath, leaf) -> {
                    boolean encrypt = rule.encrypts(keyPath);
                    mac.add(leaf, encrypt);
                    if (!encrypt || isEmptyString(leaf)) {
                        return leaf;
                    }
                    return TextNode.valueOf(ValueCipher.encrypt(GoScalars.toBytes(leaf), GoScalars.typeOf(leaf),
                            dataKey, TreeWalk.aad(keyPath)));
                }));
            }
            String lastModified = MacTime.now();
            String encryptedMac = ValueCipher.encrypt(mac.hex().getBytes(StandardCharsets.UTF_8),
                    "str", dataKey, lastModified);
            ObjectNode metadata = metadata(wrap(dataKey, settings.ageRecipients()), lastModified, encryptedMac,
                    format == SopsFormat.BINARY && rule.equals(CryptRule.DEFAULT) ? null : rule, settings.macOnlyEncrypted());
            // sops appends the metadata to every document of a multi-document file
            encrypted.forEach(document -> document.set("sops", metadata.deepCopy()));
            byte[] written = SopsStores.write(path, encrypted, format);
            return switch (format) {
                case DOTENV -> DotenvComments.encrypted(plaintext, written, rule, dataKey);
                case YAML -> YamlComments.encrypted(plaintext, written, rule, dataKey);
                default -> written;
            };
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    static ArrayNode wrap(byte[] dataKey, List<String> recipients) {
        ArrayNode age = JsonNodeFactory.instance.arrayNode();
        for (String recipient : recipients) {
            age.add(ageEntry(recipient, wrapFor(dataKey, recipient)));
        }
        return age;
    }

    static String wrapFor(byte[] dataKey, String recipient) {
        try {
            return AgeKeys.encrypt(dataKey, recipient);
        } catch (GeneralSecurityException e) {
            throw BargeException.badInput("cannot encrypt the data key for " + recipient + ": it is not a valid age X25519 recipient");
        }
    }

    static ObjectNode ageEntry(String recipient, String enc) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.put("recipient", recipient);
        entry.put("enc", enc);
        return entry;
    }

    // keys in alphabetical order, as current sops writes them
    private static ObjectNode metadata(ArrayNode age, String lastModified, String mac, CryptRule rule, boolean macOnly) {
        Map<String, JsonNode> fields = new TreeMap<>();
        fields.put("age", age);
        fields.put("lastmodified", TextNode.valueOf(lastModified));
        fields.put("mac", TextNode.valueOf(mac));
        if (rule != null) {
            fields.put(rule.kind().key(), TextNode.valueOf(rule.value()));
        }
        if (macOnly) {
            fields.put("mac_only_encrypted", BooleanNode.TRUE);
        }
        fields.put("version", TextNode.valueOf(SOPS_VERSION));
        ObjectNode sops = JsonNodeFactory.instance.objectNode();
        fields.forEach(sops::set);
        return sops;
    }

    static boolean isEmptyString(JsonNode leaf) {
        return leaf.isTextual() && leaf.textValue().isEmpty();
    }
}
