package dev.barge.decrypt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.barge.BargeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The creation rules of a {@code .sops.yaml}: the first rule whose {@code path_regex} matches a file
 * (relative to the config's directory; no regex matches everything) says who the file is encrypted
 * for and how. Only the parts barge can write are accepted: age recipients in a single key group.
 */
public final class CreationRules {
    public static final String FILE_NAME = ".sops.yaml";
    private static final int MAX_PARENTS = 100;
    private static final List<String> OTHER_KEYS = List.of("pgp", "kms", "gcp_kms", "azure_keyvault",
            "hc_vault_transit_uri", "hckms");
    private static final List<String> RULE_KEYS = List.of("unencrypted_suffix", "encrypted_suffix",
            "unencrypted_regex", "encrypted_regex", "unencrypted_comment_regex", "encrypted_comment_regex");

    private final Path configFile;
    private final List<Rule> rules;

    private record Rule(int number, Pattern pathRegex, List<String> age, List<String> otherKeys, int keyGroups,
                        List<String> cryptRuleKeys, JsonNode node, boolean macOnlyEncrypted) {
    }

    private CreationRules(Path configFile, List<Rule> rules) {
        this.configFile = configFile;
        this.rules = List.copyOf(rules);
    }

    /** The nearest .sops.yaml in the file's directory or one of its parents, parsed. */
    public static Optional<CreationRules> find(Path file) {
        Path dir = file.toAbsolutePath().normalize().getParent();
        for (int i = 0; dir != null && i <= MAX_PARENTS; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                try {
                    return Optional.of(parse(candidate, Files.readAllBytes(candidate)));
                } catch (IOException e) {
                    throw BargeException.badInput(candidate + ": cannot be read (" + e.getClass().getSimpleName()
                            + "): fix its permissions");
                }
            }
        }
        return Optional.empty();
    }

    public static CreationRules parse(Path configFile, byte[] content) {
        String name = configFile.toString();
        List<ObjectNode> documents = TreeReader.readYaml(name, content);
        JsonNode list = documents.isEmpty() ? null : documents.get(0).get("creation_rules");
        List<Rule> rules = new ArrayList<>();
        if (list != null && list.isArray()) {
            int number = 0;
            for (JsonNode node : list) {
                number++;
                rules.add(rule(name, number, node));
            }
        }
        return new CreationRules(configFile.toAbsolutePath().normalize(), rules);
    }

    /**
     * For {@code validate}: the file reads as creation rules (a {@code creation_rules} list of mappings,
     * path_regex compiles) and every age recipient is one. Rules for keys barge does not write (pgp, kms)
     * are left to sops; they are refused only when barge is asked to encrypt with them.
     */
    public static void check(String name, byte[] content) {
        List<ObjectNode> documents = TreeReader.readYaml(name, content);
        JsonNode list = documents.isEmpty() ? null : documents.get(0).get("creation_rules");
        if (list == null || !list.isArray()) {
            throw BargeException.badInput(name + ": has no creation_rules list: add one (creation_rules: [{path_regex: ..., age: age1...}])");
        }
        CreationRules rules = parse(Path.of(name), content);
        for (Rule rule : rules.rules) {
            for (String recipient : rule.age) {
                if (!AgeKeys.isX25519Recipient(recipient) && !AgeKeys.isPostQuantumRecipient(recipient)) {
                    throw BargeException.badInput(name + ": creation rule " + rule.number + " names an age recipient that is"
                            + " not one (age1... as age-keygen prints it): fix it");
                }
            }
        }
    }

    public Path configFile() {
        return configFile;
    }

    /** The settings of the first rule that matches {@code file}; refuses rules barge cannot honor. */
    public EncryptionSettings settingsFor(Path file) {
        String relative = relativePath(file);
        for (Rule rule : rules) {
            if (rule.pathRegex == null || rule.pathRegex.matcher(relative).find()) {
                return settings(rule, relative);
            }
        }
        throw BargeException.badInput("no creation rule in " + configFile + " matches " + relative
                + ": add a rule whose path_regex matches it, or pass --age RECIPIENT");
    }

    private EncryptionSettings settings(Rule rule, String relative) {
        String which = "creation rule " + rule.number + " of " + configFile + " (matching " + relative + ")";
        if (rule.keyGroups > 1) {
            throw BargeException.badInput(which + " uses " + rule.keyGroups + " key groups (Shamir secret sharing),"
                    + " which barge does not write: use one list of age recipients");
        }
        if (!rule.otherKeys.isEmpty()) {
            throw BargeException.badInput(which + " names " + String.join("/", rule.otherKeys) + " keys, which barge"
                    + " cannot encrypt for: list only age recipients, or encrypt this file with sops");
        }
        if (rule.age.isEmpty()) {
            throw BargeException.badInput(which + " names no age recipient: add one (age: age1…)");
        }
        if (rule.cryptRuleKeys.size() > 1) {
            throw BargeException.badInput(which + " names more than one crypt rule (" + String.join(", ", rule.cryptRuleKeys)
                    + "): keep one");
        }
        CryptRule cryptRule = CryptRule.DEFAULT;
        if (!rule.cryptRuleKeys.isEmpty()) {
            String key = rule.cryptRuleKeys.get(0);
            if (CryptRule.COMMENT_RULE_KEYS.contains(key)) {
                throw BargeException.badInput(which + " uses " + key + ", a rule on YAML comments that barge does not"
                        + " support: use encrypted_regex or a suffix rule");
            }
            cryptRule = new CryptRule(kind(key), SopsMetadata.text(rule.node.get(key)));
        }
        return new EncryptionSettings(rule.age, cryptRule, rule.macOnlyEncrypted);
    }

    private static Rule rule(String config, int number, JsonNode node) {
        if (!node.isObject()) {
            throw BargeException.badInput(config + ": creation rule " + number + " is not a mapping: fix it");
        }
        Pattern pathRegex = null;
        String regex = SopsMetadata.text(node.get("path_regex"));
        if (!regex.isEmpty()) {
            try {
                pathRegex = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw BargeException.badInput(config + ": creation rule " + number + " has an invalid path_regex: fix it");
            }
        }
        List<String> age = new ArrayList<>(keyList(node.get("age")));
        List<String> otherKeys = new ArrayList<>(presentKeys(node, OTHER_KEYS));
        JsonNode groups = node.get("key_groups");
        int keyGroups = groups != null && groups.isArray() ? groups.size() : 0;
        if (keyGroups == 1) {
            age.addAll(keyList(groups.get(0).get("age")));
            otherKeys.addAll(presentKeys(groups.get(0), List.of("pgp", "kms", "gcp_kms", "azure_keyvault", "hc_vault", "hckms")));
        }
        List<String> cryptRuleKeys = RULE_KEYS.stream().filter(k -> !SopsMetadata.text(node.get(k)).isEmpty()).toList();
        JsonNode macOnly = node.get("mac_only_encrypted");
        return new Rule(number, pathRegex, age, otherKeys, keyGroups, cryptRuleKeys, node,
                macOnly != null && (macOnly.isBoolean() ? macOnly.booleanValue() : "true".equalsIgnoreCase(macOnly.asText())));
    }

    /** A key list given as a comma-separated string or a YAML list. */
    private static List<String> keyList(JsonNode node) {
        List<String> keys = new ArrayList<>();
        if (node == null || node.isNull()) {
            return keys;
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        for (JsonNode item : items) {
            for (String part : SopsMetadata.text(item).split(",")) {
                if (!part.isBlank()) {
                    keys.add(part.strip());
                }
            }
        }
        return keys;
    }

    private static List<String> presentKeys(JsonNode node, List<String> names) {
        return names.stream().filter(name -> {
            JsonNode value = node.get(name);
            return value != null && !value.isNull() && !(value.isArray() && value.isEmpty())
                    && !(value.isTextual() && value.textValue().isBlank());
        }).toList();
    }

    private static CryptRule.Kind kind(String key) {
        for (CryptRule.Kind kind : CryptRule.Kind.values()) {
            if (kind.key().equals(key)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(key);
    }

    private String relativePath(Path file) {
        String absolute = file.toAbsolutePath().normalize().toString();
        String prefix = configFile.getParent().toString() + "/";
        return absolute.startsWith(prefix) ? absolute.substring(prefix.length()) : absolute;
    }
}
