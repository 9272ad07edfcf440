package dev.barge.config.compose;

import dev.barge.config.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Compose's variable interpolation of one string: {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}},
 * {@code ${VAR-default}}, {@code ${VAR:?message}}, {@code ${VAR?message}}, {@code ${VAR:+replacement}},
 * {@code ${VAR+replacement}} and {@code $$} for a literal {@code $}. Defaults, replacements and messages may
 * themselves contain {@code ${...}}; they are evaluated only when used, as in a shell. A variable that is
 * unset and has no default becomes "" (as Compose does) and is named in {@link Result#unset()}. A {@code $} not followed by a name or brace is kept.
 * Pure: the only input is the lookup.
 */
public final class Interpolator {

    /**
     * The interpolated text; {@code sensitive} when any substituted value came from a sensitive variable.
     * {@code errors} are one-line messages (required variable missing, malformed {@code ${...}}) that name
     * variables and the template, never a variable's value. {@code unset} names the variables that were
     * substituted as "" because they are unset and had no default ({@code ${VAR}}, {@code $VAR}): Compose warns.
     */
    public record Result(String value, boolean sensitive, List<String> errors, List<String> unset) {
        public Result {
            errors = List.copyOf(errors);
            unset = List.copyOf(unset);
        }

        public boolean ok() {
            return errors.isEmpty();
        }

        @Override
        public String toString() {
            return sensitive ? "Result[(sensitive), errors=" + errors + "]" : "Result[" + value + ", errors=" + errors + "]";
        }
    }

    private final Function<String, Variable> lookup;

    /** {@code lookup} returns null for an unset variable. */
    public Interpolator(Function<String, Variable> lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    public static Interpolator of(Map<String, Variable> variables) {
        Map<String, Variable> copy = Map.copyOf(variables);
        return new Interpolator(copy::get);
    }

    public Result interpolate(String template) {
        Run run = new Run();
        String value = run.expand(template);
        return new Result(value, run.sensitive, run.errors, List.copyOf(run.unset));
    }

    /** The state of one interpolation: whether a secret was substituted, and what went wrong. */
    private final class Run {
        boolean sensitive;
        final List<String> errors = new ArrayList<>();
        final java.util.Set<String> unset = new java.util.LinkedHashSet<>();

        String expand(String s) {
            StringBuilder out = new StringBuilder(s.length());
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
                if (c != '$') {
                    out.append(c);
                    i++;
                } else if (next == '$') {
                    out.append('$');
                    i += 2;
                } else if (next == '{') {
                    int end = closingBrace(s, i + 2);
                    if (end < 0) {
                        errors.add("unterminated '${' in '" + s + "': close it with '}', or write '$$' for a literal '$'");
                        out.append(s, i, s.length());
                        return out.toString();
                    }
                    out.append(braced(s.substring(i + 2, end)));
                    i = end + 1;
                } else if (isNameStart(next)) {
                    int end = nameEnd(s, i + 1);
                    out.append(valueOf(s.substring(i + 1, end)));
                    i = end;
                } else {
                    out.append('$');
                    i++;
                }
            }
            return out.toString();
        }

        /** The body of {@code ${...}}: a name, optionally followed by an operator and its argument. */
        private String braced(String body) {
            int nameEnd = body.isEmpty() || !isNameStart(body.charAt(0)) ? 0 : nameEnd(body, 0);
            if (nameEnd == 0) {
                errors.add("invalid interpolation '${" + body + "}': expected a variable name such as ${NAME}");
                return "";
            }
            String name = body.substring(0, nameEnd);
            String rest = body.substring(nameEnd);
            if (rest.isEmpty()) {
                return valueOf(name);
            }
            boolean colon = rest.charAt(0) == ':';
            String op = colon ? rest.substring(0, Math.min(2, rest.length())) : rest.substring(0, 1);
            String arg = rest.substring(op.length());
            char kind = op.charAt(op.length() - 1);
            if (op.length() == 1 && colon || "-?+".indexOf(kind) < 0) {
                errors.add("invalid interpolation '${" + body + "}': after the name use :-, -, :?, ?, :+ or +");
                return "";
            }
            Variable variable = lookup.apply(name);
            // ':' forms treat an empty value like an unset one
            boolean present = variable != null && (!colon || !variable.value().isEmpty());
            return switch (kind) {
                case '-' -> present ? use(variable) : expand(arg);
                case '+' -> present ? expand(arg) : "";
                default -> {
                    if (!present) {
                        required(name, arg);
                        yield "";
                    }
                    yield use(variable);
                }
            };
        }

        private void required(String name, String messageTemplate) {
            boolean before = sensitive;
            sensitive = false;
            String message = expand(messageTemplate);
            if (sensitive) {
                // a message that would print a secret is not printed, and the secret does not reach the value
                message = "(message hidden: it uses a secret variable)";
            }
            sensitive = before;
            errors.add("required variable " + name + " is missing a value" + (message.isEmpty() ? "" : ": " + message));
        }

        private String valueOf(String name) {
            Variable variable = lookup.apply(name);
            if (variable == null) {
                unset.add(name);
                return "";
            }
            return use(variable);
        }

        private String use(Variable variable) {
            sensitive |= variable.sensitive();
            return variable.value();
        }
    }

    /** Index of the '}' closing a {@code ${} whose body starts at {@code from}, skipping nested ones; -1 if none. */
    private static int closingBrace(String s, int from) {
        int depth = 1;
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
            if (c == '$' && (next == '$' || next == '{')) {
                depth += next == '{' ? 1 : 0;
                i += 2;
                continue;
            }
            if (c == '}' && --depth == 0) {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static int nameEnd(String s, int from) {
        int i = from;
        while (i < s.length() && (isNameStart(s.charAt(i)) || Character.isDigit(s.charAt(i)) && s.charAt(i) < 128)) {
            i++;
        }
        return i;
    }

    private static boolean isNameStart(char c) {
        return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
