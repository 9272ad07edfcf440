package dev.barge.decrypt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.barge.BargeException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decrypts a sops file in memory and verifies its MAC before anything from it is returned. Tampering
 * (an altered value, MAC or lastmodified, a changed unencrypted value) is refused ({@code REFUSED});
 * files barge cannot read get a one-line {@code BAD_INPUT} saying why.
 */
public final class SopsDecryptor {

    private SopsDecryptor() {
    }

    /** The decrypted file in its own format (binary store: the original bytes); for the CLI's stdout only. */
    public static byte[] decrypt(String path, byte[] content, SopsFormat format, List<AgeIdentity> identities) {
        byte[] plain = open(path, content, format, identities).toBytes(path);
        if (format != SopsFormat.DOTENV && format != SopsFormat.YAML) {
            return plain;
        }
        // verified above; the comments are outside the MAC and only decrypted for showing them back
        byte[] dataKey = DataKeys.unwrap(path, SopsMetadata.parse(path, metadataOf(path, SopsStores.readEncrypted(path, content, format))),
                identities);
        try {
            return format == SopsFormat.DOTENV ? DotenvComments.decrypted(content, plain, dataKey)
                    : YamlComments.decrypted(content, plain, dataKey);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** One value or subtree of the first document, addressed like sops's {@code --extract '["a"]["b"]'}. */
    public static byte[] extract(String path, byte[] content, SopsFormat format, List<AgeIdentity> identities,
                                 String extractPath) {
        List<Object> steps = Extract.parse(extractPath);
        return Extract.apply(path, open(path, content, format, identities), steps);
    }

    static PlainDocument open(String path, byte[] content, SopsFormat format, List<AgeIdentity> identities) {
        List<ObjectNode> documents = SopsStores.readEncrypted(path, content, format);
        SopsMetadata metadata = SopsMetadata.parse(path, metadataOf(path, documents));
        byte[] dataKey = DataKeys.unwrap(path, metadata, identities);
        try {
            MacComputer mac = new MacComputer(metadata.macOnlyEncrypted());
            List<ObjectNode> plain = new ArrayList<>();
            for (ObjectNode document : documents) {
                ObjectNode values = document.deepCopy();
                values.remove("sops");
                plain.add(TreeWalk.map(values, (keyPath, leaf) -> {
                    boolean encrypted = metadata.rule().encrypts(keyPath);
                    JsonNode value = encrypted ? decryptLeaf(path, dataKey, keyPath, leaf) : leaf;
                    mac.add(value, encrypted);
                    return value;
                }));
            }
            verifyMac(path, metadata, dataKey, mac.hex());
            return new PlainDocument(format, plain);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The {@code sops} block of the first document; a file without one is not a sops file. */
    static JsonNode metadataOf(String path, List<ObjectNode> documents) {
        JsonNode metadata = documents.isEmpty() ? null : documents.get(0).get("sops");
        if (metadata == null || !metadata.isObject()) {
            throw BargeException.badInput(path + ": is not a sops-encrypted file (it has no sops metadata):"
                    + " encrypt it with `barge secrets encrypt` or read it as a plain file");
        }
        return metadata;
    }

    private static JsonNode decryptLeaf(String path, byte[] dataKey, List<String> keyPath, JsonNode leaf) {
        if (leaf.isTextual() && leaf.textValue().isEmpty()) {
            return leaf; // sops never encrypts empty strings
        }
        if (!leaf.isTextual()) {
            throw BargeException.refused(path + ": the value at " + display(keyPath) + " should be encrypted but is not:"
                    + " the file was changed outside sops; nothing from it is used; restore it from git or re-encrypt it");
        }
        try {
            ValueCipher.Opened opened = ValueCipher.decrypt(leaf.textValue(), dataKey, TreeWalk.aad(keyPath));
            JsonNode value = GoScalars.fromPlaintext(opened.plaintext, opened.type);
            if (value == null) {
                throw new GeneralSecurityException("unknown type");
            }
            return value;
        } catch (GeneralSecurityException e) {
            throw BargeException.refused(path + ": the value at " + display(keyPath) + " does not decrypt and verify:"
                    + " the file was altered or damaged; nothing from it is used; restore it from git");
        }
    }

    private static void verifyMac(String path, SopsMetadata metadata, byte[] dataKey, String computed) {
        if (metadata.mac().isEmpty()) {
            throw BargeException.refused(path + ": has no MAC, so its values cannot be verified; nothing from it is used:"
                    + " re-encrypt it with sops or `barge secrets encrypt`");
        }
        String stored;
        try {
            String aad = MacTime.aad(metadata.lastModified());
            stored = new String(ValueCipher.decrypt(metadata.mac(), dataKey, aad).plaintext, StandardCharsets.UTF_8);
        } catch (DateTimeParseException | GeneralSecurityException e) {
            throw macMismatch(path);
        }
        if (!stored.equals(computed)) {
            throw macMismatch(path);
        }
    }

    private static BargeException macMismatch(String path) {
        return BargeException.refused(path + ": MAC mismatch: the file was changed after it was encrypted (tampered,"
                + " or edited without sops); nothing from it is used: restore it from git or re-encrypt it");
    }

    static String display(List<String> keyPath) {
        return keyPath.isEmpty() ? "the top level" : String.join(".", keyPath);
    }
}
