package dev.barge.view;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/** How values appear in a human table cell: short ids, times to the second, "-" for nothing. */
final class Cells {
    static final String NONE = "-";
    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Cells() {
    }

    /** A git sha cut to 12 characters; anything else (a {@code local:} checkout) as it is. */
    static String commit(String commit) {
        if (commit == null) {
            return NONE;
        }
        return FULL_SHA.matcher(commit).matches() ? commit.substring(0, 12) : commit;
    }

    /** {@code sha256:0123...} as its first 12 hex digits, as {@code docker ps} shows image ids. */
    static String imageId(String id) {
        if (id == null) {
            return NONE;
        }
        String hex = id.substring(id.indexOf(':') + 1);
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    /** A reference pinned by digest with the digest cut to 12 hex digits ({@code busybox@sha256:c3c3c3c3c3c3}). */
    static String imageRef(String ref) {
        if (ref == null) {
            return NONE;
        }
        int at = ref.indexOf("@sha256:");
        int end = at + "@sha256:".length() + 12;
        return at < 0 || ref.length() <= end ? ref : ref.substring(0, end);
    }

    /** A spec hash (hex) cut to 12 characters. */
    static String hash(String hash) {
        return hash == null ? NONE : hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    /** UTC to the second: {@code 2024-05-01T10:00:00Z}. */
    static String time(Instant time) {
        return time == null ? NONE : time.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A message on one line, whatever it holds (engine errors may carry newlines). */
    static String oneLine(String text) {
        return text == null ? NONE : Printable.escape(WHITESPACE.matcher(text.strip()).replaceAll(" "));
    }

    /** For text barge did not write: {@link #oneLine} already escapes every control character through {@link Printable}. */
    static String printable(String text) {
        return oneLine(text);
    }

    static String orNone(String text) {
        return text == null || text.isEmpty() ? NONE : text;
    }
}
