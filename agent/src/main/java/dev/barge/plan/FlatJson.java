package dev.barge.plan;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A flat JSON object of strings, written byte-for-byte deterministically (keys sorted, fixed escapes)
 * because the spec hash is taken over it, and read back leniently from a container label. The plan
 * stage keeps Jackson out (it is pure and tiny here).
 */
final class FlatJson {
    private FlatJson() {
    }

    static String write(Map<String, String> map) {
        StringBuilder out = new StringBuilder(map.size() * 32).append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(e.getKey(), out);
            out.append(':');
            quote(e.getValue(), out);
        }
        return out.append('}').toString();
    }

    /** A JSON string literal: escapes {@code "}, {@code \} and control characters only. */
    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        quote(s, out);
        return out.toString();
    }

    /** The map, or empty when the text is not a flat object of strings (a label edited or cut by hand). */
    static Optional<Map<String, String>> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Reader(text).object());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        Map<String, String> object() {
            Map<String, String> map = new TreeMap<>();
            skipSpace();
            expect('{');
            skipSpace();
            if (peek() == '}') {
                i++;
            } else {
                while (true) {
                    skipSpace();
                    String key = string();
                    skipSpace();
                    expect(':');
                    skipSpace();
                    if (map.put(key, string()) != null) {
                        throw new IllegalArgumentException("duplicate key");
                    }
                    skipSpace();
                    char c = s.charAt(i++);
                    if (c == '}') {
                        break;
                    }
                    if (c != ',') {
                        throw new IllegalArgumentException("expected , or }");
                    }
                }
            }
            skipSpace();
            if (i != s.length()) {
                throw new IllegalArgumentException("trailing text");
            }
            return map;
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape");
                }
            }
        }

        private char peek() {
            return s.charAt(i);
        }

        private void expect(char c) {
            if (s.charAt(i++) != c) {
                throw new IllegalArgumentException("expected " + c);
            }
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
