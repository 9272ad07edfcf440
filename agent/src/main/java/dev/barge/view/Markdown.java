package dev.barge.view;

import java.util.List;

/**
 * Escaping for text put into a Markdown comment (GitHub, GitLab, Gitea): nothing from a repo may open a
 * tag, a link, a mention or a code span, or end a fenced block early.
 */
final class Markdown {
    private static final String SPECIAL = "\\`*_{}[]()<>#+-.!|~@&";

    private Markdown() {
    }

    /** Inline text: every character Markdown or HTML could act on is backslash-escaped; control characters too. */
    static String text(String s) {
        String printable = Printable.escape(s);
        StringBuilder out = new StringBuilder(printable.length() + 8);
        for (int i = 0; i < printable.length(); i++) {
            char c = printable.charAt(i);
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Inside HTML ({@code <summary>}): entities for the HTML specials, and Markdown's left inert. */
    static String html(String s) {
        String printable = Printable.escape(s);
        StringBuilder out = new StringBuilder(printable.length() + 8);
        for (int i = 0; i < printable.length(); i++) {
            char c = printable.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '`', '*', '_', '[', ']', '\\', '@', '#', '~', '|' -> out.append("&#").append((int) c).append(';');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Inside a code span: backticks cannot be escaped there, so they become a look-alike. */
    static String code(String s) {
        return Printable.escape(s).replace('`', '\'');
    }

    /** A fence longer than any backtick run in {@code lines}, so no line can close the block. */
    static String fence(List<String> lines) {
        int longest = 0;
        for (String line : lines) {
            int run = 0;
            for (int i = 0; i < line.length(); i++) {
                run = line.charAt(i) == '`' ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    /** The lines in a fenced block of {@code language}, control characters escaped. */
    static String fenced(List<String> lines, String language) {
        List<String> escaped = lines.stream().map(Printable::escape).toList();
        String fence = fence(escaped);
        StringBuilder out = new StringBuilder(fence).append(language).append('\n');
        escaped.forEach(l -> out.append(l).append('\n'));
        return out.append(fence).append('\n').toString();
    }
}
