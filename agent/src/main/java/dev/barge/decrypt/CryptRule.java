package dev.barge.decrypt;

import dev.barge.BargeException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which values of a sops file are encrypted. Every component of a value's key path is tested, so a
 * rule on a parent key covers its whole subtree; regexes search (unanchored) like Go's regexp.Match.
 */
public final class CryptRule {

    /** The rule kinds barge reads and writes; the metadata / .sops.yaml key of each is {@link #key()}. */
    public enum Kind {
        UNENCRYPTED_SUFFIX("unencrypted_suffix"),
        ENCRYPTED_SUFFIX("encrypted_suffix"),
        UNENCRYPTED_REGEX("unencrypted_regex"),
        ENCRYPTED_REGEX("encrypted_regex");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** What sops assumes when a file names no rule. */
    public static final CryptRule DEFAULT = new CryptRule(Kind.UNENCRYPTED_SUFFIX, "_unencrypted");

    /** Rule keys that depend on YAML comments, which barge does not keep: files using them are refused. */
    static final List<String> COMMENT_RULE_KEYS = List.of("unencrypted_comment_regex", "encrypted_comment_regex");

    private final Kind kind;
    private final String value;
    private final Pattern pattern;

    public CryptRule(Kind kind, String value) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.value = Objects.requireNonNull(value, "value");
        if (kind == Kind.UNENCRYPTED_REGEX || kind == Kind.ENCRYPTED_REGEX) {
            try {
                this.pattern = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw BargeException.badInput(kind.key() + " '" + value + "' is not a valid regular expression: fix it");
            }
        } else {
            this.pattern = null;
        }
    }

    public Kind kind() {
        return kind;
    }

    public String value() {
        return value;
    }

    /** sops's {@code Tree.shouldBeEncrypted} for a leaf at {@code path} (for list items, the list's path). */
    boolean encrypts(List<String> path) {
        switch (kind) {
            case UNENCRYPTED_SUFFIX:
                return path.stream().noneMatch(key -> key.endsWith(value));
            case ENCRYPTED_SUFFIX:
                return path.stream().anyMatch(key -> key.endsWith(value));
            case UNENCRYPTED_REGEX:
                return path.stream().noneMatch(key -> pattern.matcher(key).find());
            case ENCRYPTED_REGEX:
            default:
                return path.stream().anyMatch(key -> pattern.matcher(key).find());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CryptRule other && kind == other.kind && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + value.hashCode();
    }

    @Override
    public String toString() {
        return kind.key() + ": " + value;
    }
}
