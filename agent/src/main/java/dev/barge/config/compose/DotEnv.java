package dev.barge.config.compose;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.barge.config.Excerpt;
import dev.barge.config.Problems;
import dev.barge.config.SourceDocument;
import dev.barge.config.TextBounds;
import dev.barge.config.Variable;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Dotenv files read the way Compose reads {@code env_file} and {@code .env}: {@code KEY=VALUE} lines,
 * an optional {@code export } prefix, {@code #} comments (whole line, or after whitespace in an unquoted
 * value), single quotes kept literally, double quotes with {@code \n \r \t \" \\ \$} escapes, both may span
 * lines. Unquoted and double-quoted values are interpolated ({@code ${VAR}}, see {@link Interpolator})
 * against the given environment first, then the keys defined earlier in the same file, as compose-go's
 * dotenv parser does; single-quoted values are never interpolated. A reference to a variable set nowhere
 * reads as "" with a warning naming the file and line, as Compose warns. A bare {@code KEY} takes its
 * value from the environment and is left out when the environment has none.
 */
public final class DotEnv {
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    private DotEnv() {
    }

    /** The file's variables in file order, without an outside environment; problems name {@code file} and line. */
    public static Map<String, String> parse(String file, byte[] content, Problems problems) {
        Map<String, String> values = new LinkedHashMap<>();
        parse(file, content, Map.of(), problems).forEach((k, v) -> values.put(k, v.value()));
        return Collections.unmodifiableMap(values);
    }

    /**
     * The file's variables in file order; a value is sensitive when it interpolated a sensitive variable
     * of {@code environment}. Problems (bad key, unclosed quote, required variable missing) name
     * {@code file} and line and never a value.
     */
    public static Map<String, Variable> parse(String file, byte[] content, Map<String, Variable> environment,
                                              Problems problems) {
        if (content.length > TextBounds.MAX_FILE_BYTES) {
            problems.add(file, 0, "", "is larger than " + TextBounds.MAX_FILE_BYTES / (1024 * 1024)
                    + " MiB, the limit for a dotenv file: keep large content out of it");
            return Map.of();
        }
        return new Reader(file, new String(content, StandardCharsets.UTF_8), environment, problems).read();
    }

    private static final class Reader {
        private final String file;
        private final String text;
        private final Map<String, Variable> environment;
        private final Problems problems;
        private final Map<String, Variable> found = new LinkedHashMap<>();
        private final Interpolator interpolator;
        private int pos;
        private int line = 1;

        Reader(String file, String text, Map<String, Variable> environment, Problems problems) {
            this.file = file;
            this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
            this.environment = environment;
            this.problems = problems;
            this.interpolator = new Interpolator(name -> environment.containsKey(name) ? environment.get(name)
                    : found.get(name));
        }

        Map<String, Variable> read() {
            while (pos < text.length()) {
                int lineOfEntry = line;
                String head = restOfLine().strip();
                if (head.isEmpty() || head.startsWith("#")) {
                    continue;
                }
                entry(head, lineOfEntry);
            }
            return Collections.unmodifiableMap(found);
        }

        private void entry(String head, int at) {
            String declaration = head.startsWith("export ") ? head.substring(7).stripLeading() : head;
            int eq = declaration.indexOf('=');
            String key = (eq < 0 ? declaration : declaration.substring(0, eq)).strip();
            if (!KEY.matcher(key).matches()) {
                problem(at, "a line must be KEY=VALUE with KEY made of letters, digits and _ (got "
                        + Excerpt.quoted(key) + ")");
                return;
            }
            if (eq < 0) {
                Variable inherited = environment.get(key);
                if (inherited != null) {
                    found.put(key, inherited);
                }
                return;
            }
            String raw = declaration.substring(eq + 1).stripLeading();
            Variable value = raw.startsWith("'") || raw.startsWith("\"") ? quoted(key, raw, at) : unquoted(raw, at);
            if (value != null) {
                found.put(key, value);
            }
        }

        private Variable unquoted(String raw, int at) {
            String value = raw;
            for (int i = 1; i < value.length(); i++) {
                if (value.charAt(i) == '#' && Character.isWhitespace(value.charAt(i - 1))) {
                    value = value.substring(0, i);
                    break;
                }
            }
            return expand(value.strip(), at);
        }

        /** A quoted value may continue on the following lines, which this consumes. */
        private Variable quoted(String key, String raw, int at) {
            char quote = raw.charAt(0);
            StringBuilder value = new StringBuilder();
            String rest = raw.substring(1);
            while (true) {
                int close = closing(rest, quote);
                if (close >= 0) {
                    value.append(rest, 0, close);
                    String after = rest.substring(close + 1).strip();
                    if (!after.isEmpty() && !after.startsWith("#")) {
                        problem(at, "unexpected text after the closing quote of " + key);
                    }
                    break;
                }
                if (pos >= text.length()) {
                    problem(at, "the quote that starts the value of " + key + " is never closed");
                    return null;
                }
                value.append(rest).append('\n');
                rest = restOfLine();
            }
            if (quote == '\'') {
                return Variable.plain(value.toString());
            }
            return expand(unescape(value.toString()), at);
        }

        private static int closing(String s, char quote) {
            for (int i = 0; i < s.length(); i++) {
                if (quote == '"' && s.charAt(i) == '\\') {
                    i++;
                } else if (s.charAt(i) == quote) {
                    return i;
                }
            }
            return -1;
        }

        /** Double-quote escapes; an escaped '$' becomes '$$' so that interpolation keeps it literal. */
        private static String unescape(String s) {
            StringBuilder out = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c != '\\' || i + 1 == s.length()) {
                    out.append(c);
                    continue;
                }
                char next = s.charAt(++i);
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case '$' -> out.append("$$");
                    case '"', '\\' -> out.append(next);
                    default -> out.append('\\').append(next);
                }
            }
            return out.toString();
        }

        private Variable expand(String value, int at) {
            Interpolator.Result result = interpolator.interpolate(value);
            result.errors().forEach(error -> problem(at, error));
            if (!result.unset().isEmpty()) {
                // Problems names a warning's place through a document: this one knows only its file and line
                SourceDocument place = new SourceDocument(file, NullNode.getInstance(), Map.of("", at));
                result.unset().forEach(name -> problems.warn(place, "", UnsetVariables.warning(name)));
            }
            return new Variable(result.value(), result.sensitive());
        }

        private String restOfLine() {
            int end = text.indexOf('\n', pos);
            String s = text.substring(pos, end < 0 ? text.length() : end);
            pos = end < 0 ? text.length() : end + 1;
            line++;
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        private void problem(int at, String message) {
            problems.add(file, at, "", message);
        }
    }
}
