package dev.barge.plan;

import java.util.Objects;

/**
 * One attribute's value before and after, in canonical form; null means absent. A sensitive diff
 * never holds a value, only {@link #SENSITIVE} in place of a present one, so no rendering (nor
 * {@code toString}) can leak it.
 */
public record AttributeDiff(String path, String before, String after, boolean sensitive) {

    public static final String SENSITIVE = "(sensitive)";

    public AttributeDiff {
        Objects.requireNonNull(path, "path");
        if (sensitive && !(redacted(before) && redacted(after))) {
            throw new IllegalArgumentException("a sensitive diff of " + path + " must not hold a value: use AttributeDiff.of");
        }
    }

    /** The diff of {@code path}, with both values replaced by {@link #SENSITIVE} when {@code sensitive}. */
    public static AttributeDiff of(String path, String before, String after, boolean sensitive) {
        if (sensitive) {
            return new AttributeDiff(path, before == null ? null : SENSITIVE, after == null ? null : SENSITIVE, true);
        }
        return new AttributeDiff(path, before, after, false);
    }

    public boolean added() {
        return before == null;
    }

    public boolean removed() {
        return after == null;
    }

    private static boolean redacted(String value) {
        return value == null || SENSITIVE.equals(value);
    }
}
