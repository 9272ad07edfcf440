package dev.barge.config.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.Variable;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InterpolatorTest {
    private static final Interpolator INTERPOLATOR = Interpolator.of(Map.of(
            "TAG", Variable.plain("1.27"),
            "EMPTY", Variable.plain(""),
            "HOST", Variable.plain("db"),
            "PASSWORD", new Variable("s3cret", true),
            "lower_name", Variable.plain("low")));

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("no variables", "plain", "plain", false),
                Arguments.of("$VAR", "nginx:$TAG", "nginx:1.27", false),
                Arguments.of("$VAR ends at a non-name character", "$HOST.local", "db.local", false),
                Arguments.of("${VAR}", "nginx:${TAG}-alpine", "nginx:1.27-alpine", false),
                Arguments.of("lower-case names", "${lower_name}", "low", false),
                Arguments.of("unset is empty", "a${NOPE}b$NOPE", "ab", false),
                Arguments.of(":- unset", "${NOPE:-def}", "def", false),
                Arguments.of(":- empty", "${EMPTY:-def}", "def", false),
                Arguments.of(":- set", "${TAG:-def}", "1.27", false),
                Arguments.of("- unset", "${NOPE-def}", "def", false),
                Arguments.of("- empty stays empty", "${EMPTY-def}", "", false),
                Arguments.of(":+ set", "${TAG:+yes}", "yes", false),
                Arguments.of(":+ empty", "${EMPTY:+yes}", "", false),
                Arguments.of("+ empty counts as set", "${EMPTY+yes}", "yes", false),
                Arguments.of("+ unset", "${NOPE+yes}", "", false),
                Arguments.of(":? set", "${TAG:?need TAG}", "1.27", false),
                Arguments.of("? empty is fine", "${EMPTY?need it}", "", false),
                Arguments.of("$$ escapes", "echo $$HOME $${TAG}", "echo $HOME ${TAG}", false),
                Arguments.of("lone $ is kept", "cost: 5$ or $1", "cost: 5$ or $1", false),
                Arguments.of("trailing $ is kept", "a$", "a$", false),
                Arguments.of("nested default", "${NOPE:-${TAG}}", "1.27", false),
                Arguments.of("nested twice", "${NOPE:-${ALSO_NOPE:-x${HOST}y}}", "xdby", false),
                Arguments.of("default with braces text", "${NOPE:-a}b}", "ab}", false),
                Arguments.of("secret value is sensitive", "postgres://u:${PASSWORD}@db", "postgres://u:s3cret@db", true),
                Arguments.of("secret via $VAR", "$PASSWORD", "s3cret", true),
                Arguments.of("unused secret default is not sensitive", "${TAG:-$PASSWORD}", "1.27", false),
                Arguments.of("used secret default is sensitive", "${NOPE:-$PASSWORD}", "s3cret", true),
                Arguments.of(":+ replacement does not reveal the secret", "${PASSWORD:+set}", "set", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void interpolatesLikeCompose(String name, String template, String expected, boolean sensitive) {
        Interpolator.Result result = INTERPOLATOR.interpolate(template);

        assertThat(result.errors()).isEmpty();
        assertThat(result.value()).isEqualTo(expected);
        assertThat(result.sensitive()).isEqualTo(sensitive);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("${NOPE:?set NOPE in the stack env}", "required variable NOPE is missing a value: set NOPE in the stack env"),
                Arguments.of("${EMPTY:?}", "required variable EMPTY is missing a value"),
                Arguments.of("${NOPE?}", "required variable NOPE is missing a value"),
                Arguments.of("${NOPE:?host ${HOST} needs it}", "required variable NOPE is missing a value: host db needs it"),
                Arguments.of("${NOPE:?not $PASSWORD}", "required variable NOPE is missing a value: (message hidden: it uses a secret variable)"),
                Arguments.of("nginx:${TAG", "unterminated '${' in 'nginx:${TAG': close it with '}', or write '$$' for a literal '$'"),
                Arguments.of("${}", "invalid interpolation '${}': expected a variable name such as ${NAME}"),
                Arguments.of("${1X}", "invalid interpolation '${1X}': expected a variable name such as ${NAME}"),
                Arguments.of("${TAG:x}", "invalid interpolation '${TAG:x}': after the name use :-, -, :?, ?, :+ or +"),
                Arguments.of("${TAG x}", "invalid interpolation '${TAG x}': after the name use :-, -, :?, ?, :+ or +"),
                Arguments.of("${NOPE:-${INNER:?inner missing}}", "required variable INNER is missing a value: inner missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void reportsErrorsWithoutValues(String template, String error) {
        Interpolator.Result result = INTERPOLATOR.interpolate(template);

        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).containsExactly(error);
        assertThat(String.join(" ", result.errors())).doesNotContain("s3cret");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void resultNeverPrintsASensitiveValue(String name, String template, String expected, boolean sensitive) {
        Interpolator.Result result = INTERPOLATOR.interpolate(template);
        assertThat(result.toString().contains("s3cret")).isFalse();
    }
}
