package dev.barge.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a message may quote of a file's text: at most {@value #MAX} characters, control characters
 * escaped. A file's text can be anything (a misplaced key file, a long token), so a message shows
 * enough to find the spot, never a whole line or value.
 */
public final class Excerpt {
    public static final int MAX = 40;
    private static final Pattern QUOTED = Pattern.compile("'([^'\\n]*)'");

    private Excerpt() {
    }

    /** {@code 'text'}, cut to {@value #MAX} characters ("..." when cut), control characters escaped. */
    public static String quoted(String text) {
        return "'" + of(text) + "'";
    }

    /** {@code text} cut to {@value #MAX} characters ("..." when cut), control characters escaped. */
    public static String of(String text) {
        return escaped(text, MAX);
    }

    /**
     * A parser's message about a file: its first line (YAML parsers add the offending lines of the file
     * after it), every quoted part cut to an excerpt, the whole at most a few excerpts long.
     */
    public static String parserMessage(String message) {
        if (message == null) {
            return "unreadable";
        }
        String first = message.strip().lines().findFirst().orElse("");
        Matcher quoted = QUOTED.matcher(first);
        StringBuilder out = new StringBuilder();
        int end = 0;
        while (quoted.find()) {
            out.append(first, end, quoted.start()).append(quoted(quoted.group(1)));
            end = quoted.end();
        }
        String tail = first.substring(end);
        int open = tail.indexOf('\'');
        out.append(open < 0 ? tail : tail.substring(0, open) + quoted(tail.substring(open + 1)));
        return escaped(out.toString(), 4 * MAX);
    }

    private static String escaped(String text, int max) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            if (shown == max) {
                return out.append("...").toString();
            }
            int c = text.codePointAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
            shown++;
        }
        return out.toString();
    }
}
