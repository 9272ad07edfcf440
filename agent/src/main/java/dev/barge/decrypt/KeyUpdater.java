package dev.barge.decrypt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sops updatekeys for age: re-wraps the file's data key for the recipients its creation rule names now,
 * keeping every value, the MAC and lastmodified as they are. This is how a new VM gets access. The
 * file must decrypt and verify with the caller's identities first, so a tampered file is never re-keyed.
 * PGP/KMS entries are left untouched.
 */
public final class KeyUpdater {

    private KeyUpdater() {
    }

    /** What changed: the new file content (the input when nothing did) and the recipients added and removed. */
    public record Result(byte[] content, List<String> added, List<String> removed) {
        public Result {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
        }

        public boolean changed() {
            return !added.isEmpty() || !removed.isEmpty();
        }
    }

    public static Result update(String path, byte[] content, SopsFormat format, List<AgeIdentity> identities,
                                List<String> recipients) {
        List<String> wanted = new EncryptionSettings(recipients, CryptRule.DEFAULT, false).ageRecipients();
        SopsDecryptor.open(path, content, format, identities);
        List<ObjectNode> documents = SopsStores.readEncrypted(path, content, format);
        SopsMetadata metadata = SopsMetadata.parse(path, SopsDecryptor.metadataOf(path, documents));
        Map<String, String> current = new LinkedHashMap<>();
        metadata.age().forEach(entry -> current.putIfAbsent(entry.recipient(), entry.enc()));
        List<String> added = wanted.stream().filter(r -> !current.containsKey(r)).toList();
        List<String> removed = current.keySet().stream().filter(r -> !wanted.contains(r)).toList();
        if (added.isEmpty() && removed.isEmpty()) {
            return new Result(content, added, removed);
        }
        byte[] dataKey = DataKeys.unwrap(path, metadata, identities);
        try {
            ArrayNode age = JsonNodeFactory.instance.arrayNode();
            for (String recipient : wanted) {
                String enc = current.containsKey(recipient) ? current.get(recipient) : SopsEncryptor.wrapFor(dataKey, recipient);
                age.add(SopsEncryptor.ageEntry(recipient, enc));
            }
            List<ObjectNode> updated = new ArrayList<>();
            for (ObjectNode document : documents) {
                JsonNode sops = document.get("sops");
                if (sops instanceof ObjectNode) {
                    keyHolder((ObjectNode) sops).set("age", age.deepCopy());
                }
                updated.add(document);
            }
            byte[] written = SopsStores.write(path, updated, format);
            // the data key is the same, so the comments it encrypted stay as they are
            byte[] withComments = switch (format) {
                case DOTENV -> DotenvComments.kept(content, written);
                case YAML -> YamlComments.kept(content, written);
                default -> written;
            };
            return new Result(withComments, added, removed);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    // a single key group, when the file uses key_groups, holds the age list instead of the top level
    private static ObjectNode keyHolder(ObjectNode sops) {
        JsonNode groups = sops.get("key_groups");
        if (groups != null && groups.isArray() && groups.size() == 1 && groups.get(0) instanceof ObjectNode) {
            return (ObjectNode) groups.get(0);
        }
        return sops;
    }
}
