package dev.barge.view;

/**
 * Text from a repo, a container or the state dir made safe for a terminal: every control character
 * (C0, DEL, C1, and the bidirectional overrides that reorder what is shown) is written as an escape
 * such as {@code \n} or {@code \x1b}, so that no value can move the cursor, recolour, retitle or hide
 * what barge prints, and every message stays on its line. Every human view and the problem lines use this.
 */
public final class Printable {
    private Printable() {
    }

    public static String escape(String text) {
        if (text == null || text.chars().noneMatch(Printable::needsEscape)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> {
            if (!needsEscape(c)) {
                out.append((char) c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x100) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.append(String.format("\\u%04x", c));
            }
        });
        return out.toString();
    }

    private static boolean needsEscape(int c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f
                || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 || c == 0x200e || c == 0x200f;
    }
}
