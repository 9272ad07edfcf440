package dev.barge.config.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The one place a message that may quote a value from the compose model (a config problem, an apply or
 * engine error that echoes the request) is cleaned: every secret value a stack was resolved with is
 * replaced by {@code (sensitive)}. Taint tracking marks the attributes a secret reached; this catches
 * the texts built from them. Values shorter than {@link #MIN_LENGTH} are left to taint tracking: replacing
 * every "1" or "on" in a message would make it unreadable and hide nothing.
 */
public final class Redaction {
    public static final String SENSITIVE = "(sensitive)";
    static final int MIN_LENGTH = 4;
    public static final Redaction NONE = new Redaction(List.of());

    /** Longest first, so that a secret containing another is replaced whole. */
    private final List<String> values;

    private Redaction(List<String> values) {
        this.values = values;
    }

    public static Redaction of(Collection<String> secretValues) {
        List<String> values = secretValues.stream().filter(Objects::nonNull).filter(v -> v.strip().length() >= MIN_LENGTH)
                .distinct().sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .toList();
        return values.isEmpty() ? NONE : new Redaction(values);
    }

    /** {@code text} with every secret value in it replaced by {@link #SENSITIVE}; null stays null. */
    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String value : values) {
            out = out.replace(value, SENSITIVE);
        }
        return out;
    }

    public Redaction and(Redaction other) {
        if (other.values.isEmpty()) {
            return this;
        }
        return values.isEmpty() ? other : of(java.util.stream.Stream.concat(values.stream(), other.values.stream()).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Redaction other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Redaction[" + values.size() + " values]";
    }
}
