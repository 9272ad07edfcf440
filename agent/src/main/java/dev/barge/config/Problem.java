package dev.barge.config;

import java.util.Comparator;

/**
 * One thing wrong with the config repository. {@code file} is repo-relative, {@code line} is 1-based
 * (0 when unknown), {@code pointer} is the RFC 6901 JSON pointer of the offending node ("" for the
 * document itself). The message never contains a secret value.
 */
public record Problem(String file, int line, String pointer, String message) implements Comparable<Problem> {

    private static final Comparator<Problem> ORDER = Comparator.comparing(Problem::file)
            .thenComparingInt(Problem::line)
            .thenComparing(Problem::pointer)
            .thenComparing(Problem::message);

    /** {@code file:line: message (at /pointer)}, the form every CLI output uses. */
    public String render() {
        String where = line > 0 ? file + ":" + line : file;
        String at = pointer.isEmpty() ? "" : " (at " + pointer + ")";
        return where + ": " + message + at;
    }

    @Override
    public int compareTo(Problem other) {
        return ORDER.compare(this, other);
    }
}
