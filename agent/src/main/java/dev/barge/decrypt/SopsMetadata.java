package dev.barge.decrypt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.BargeException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a file's {@code sops} block that decryption needs. Parsing is lenient like sops's
 * (unknown keys ignored, booleans may be text as in dotenv files) but refuses what barge cannot
 * handle, each with its own message.
 */
record SopsMetadata(List<AgeEntry> age, List<String> otherMasterKeys, String lastModified, String mac,
                    CryptRule rule, boolean macOnlyEncrypted, String version) {

    /** One age recipient and the data key wrapped for it (an armored age file). */
    record AgeEntry(String recipient, String enc) {
    }

    static final List<String> OTHER_MASTER_KEYS = List.of("pgp", "kms", "gcp_kms", "azure_kv", "hc_vault", "hckms");
    private static final List<String> RULE_KEYS = List.of("unencrypted_suffix", "encrypted_suffix",
            "unencrypted_regex", "encrypted_regex", "unencrypted_comment_regex", "encrypted_comment_regex");

    SopsMetadata {
        age = List.copyOf(age);
        otherMasterKeys = List.copyOf(otherMasterKeys);
    }

    static SopsMetadata parse(String path, JsonNode sops) {
        if (sops == null || !sops.isObject()) {
            throw BargeException.badInput(path + ": the 'sops' metadata is not a mapping: this is not a sops file");
        }
        JsonNode keys = keySource(path, sops);
        return new SopsMetadata(ageEntries(path, keys.get("age")), otherMasterKeys(keys),
                text(sops.get("lastmodified")), text(sops.get("mac")), cryptRule(path, sops),
                bool(sops.get("mac_only_encrypted")), text(sops.get("version")));
    }

    private static JsonNode keySource(String path, JsonNode sops) {
        JsonNode groups = sops.get("key_groups");
        if (groups == null || !groups.isArray() || groups.isEmpty()) {
            return sops;
        }
        if (groups.size() > 1) {
            String threshold = text(sops.get("shamir_threshold"));
            throw BargeException.badInput(path + ": uses " + groups.size() + " key groups (Shamir secret sharing"
                    + (threshold.isEmpty() ? "" : ", threshold " + threshold) + "), which barge does not support:"
                    + " re-encrypt it for a single group of age recipients");
        }
        return groups.get(0);
    }

    private static List<AgeEntry> ageEntries(String path, JsonNode list) {
        List<AgeEntry> entries = new ArrayList<>();
        if (list == null || !list.isArray()) {
            return entries;
        }
        for (JsonNode entry : list) {
            String recipient = text(entry.get("recipient"));
            String enc = text(entry.get("enc"));
            if (enc.isEmpty()) {
                throw BargeException.refused(path + ": the age entry for " + (recipient.isEmpty() ? "a recipient" : recipient)
                        + " has no wrapped data key (enc): the file is damaged, restore it from git");
            }
            entries.add(new AgeEntry(recipient, enc));
        }
        return entries;
    }

    private static List<String> otherMasterKeys(JsonNode keys) {
        List<String> found = new ArrayList<>();
        for (String key : OTHER_MASTER_KEYS) {
            JsonNode list = keys.get(key);
            if (list != null && list.isArray() && !list.isEmpty()) {
                found.add(key);
            }
        }
        return found;
    }

    private static CryptRule cryptRule(String path, JsonNode sops) {
        List<String> present = new ArrayList<>();
        for (String key : RULE_KEYS) {
            if (!text(sops.get(key)).isEmpty()) {
                present.add(key);
            }
        }
        if (present.size() > 1) {
            throw BargeException.badInput(path + ": its metadata names more than one crypt rule (" + String.join(", ", present)
                    + "), which sops does not allow: re-encrypt it with one");
        }
        if (present.isEmpty()) {
            return CryptRule.DEFAULT;
        }
        String key = present.get(0);
        if (CryptRule.COMMENT_RULE_KEYS.contains(key)) {
            throw BargeException.badInput(path + ": uses " + key + ", a crypt rule on YAML comments that barge does not"
                    + " support: re-encrypt it with encrypted_regex or a suffix rule");
        }
        for (CryptRule.Kind kind : CryptRule.Kind.values()) {
            if (kind.key().equals(key)) {
                return new CryptRule(kind, text(sops.get(key)));
            }
        }
        throw new IllegalStateException("unhandled crypt rule " + key);
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? "" : node.asText();
    }

    private static boolean bool(JsonNode node) {
        return node != null && (node.isBoolean() ? node.booleanValue() : "true".equalsIgnoreCase(node.asText()));
    }
}
