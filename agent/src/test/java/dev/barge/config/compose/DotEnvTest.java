package dev.barge.config.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.Problem;
import dev.barge.config.Problems;
import dev.barge.config.Variable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DotEnvTest {

    private static Map<String, String> parse(String text) {
        Problems problems = new Problems();
        Map<String, String> values = DotEnv.parse("app.env", text.getBytes(StandardCharsets.UTF_8), problems);
        assertThat(problems.list()).isEmpty();
        return values;
    }

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("plain", "A=1", "1"),
                Arguments.of("spaces around", "A = hello world  ", "hello world"),
                Arguments.of("export prefix", "export A=1", "1"),
                Arguments.of("empty", "A=", ""),
                Arguments.of("inline comment", "A=x # note", "x"),
                Arguments.of("hash without space stays", "A=x#y", "x#y"),
                Arguments.of("single quotes literal", "A='x ${B} # y'", "x ${B} # y"),
                Arguments.of("double quotes", "A=\"x # y\"", "x # y"),
                Arguments.of("double quote escapes", "A=\"a\\nb\\t\\\"c\\\"\"", "a\nb\t\"c\""),
                Arguments.of("comment after quotes", "A='x' # note", "x"),
                Arguments.of("escaped dollar", "A=\"\\$B\"", "$B"),
                Arguments.of("interpolates earlier keys", "B=2\nA=x${B}", "x2"),
                Arguments.of("default", "A=${NOPE:-d}", "d"),
                Arguments.of("dollar-dollar", "A=$$B", "$B"),
                Arguments.of("crlf", "A=1\r\nB=2", "1"),
                Arguments.of("byte order mark", "\uFEFFA=1", "1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void readsLikeCompose(String name, String text, String expected) {
        assertThat(parse(text)).containsEntry("A", expected);
    }

    @Test
    void skipsCommentsAndBlankLinesAndKeepsFileOrder() {
        assertThat(parse("# header\n\nB=2\n  # indented comment\nA=1\n").keySet()).containsExactly("B", "A");
    }

    @Test
    void quotedValuesMaySpanLines() {
        Map<String, String> values = parse("KEY=\"-----BEGIN-----\nabc\n-----END-----\"\nNEXT=1\n");
        assertThat(values).containsEntry("KEY", "-----BEGIN-----\nabc\n-----END-----").containsEntry("NEXT", "1");
    }

    @Test
    void bareKeysComeFromTheEnvironmentAndSecretsStaySensitive() {
        Problems problems = new Problems();
        Map<String, Variable> values = DotEnv.parse("app.env",
                "TOKEN\nMISSING\nURL=https://u:${PASSWORD}@h\nTAG=$TAG\n".getBytes(StandardCharsets.UTF_8),
                Map.of("TOKEN", new Variable("t0k", true), "PASSWORD", new Variable("pw", true),
                        "TAG", Variable.plain("1")), problems);

        assertThat(problems.list()).isEmpty();
        assertThat(values).containsOnlyKeys("TOKEN", "URL", "TAG");
        assertThat(values.get("TOKEN")).isEqualTo(new Variable("t0k", true));
        assertThat(values.get("URL")).isEqualTo(new Variable("https://u:pw@h", true));
        assertThat(values.get("TAG")).isEqualTo(Variable.plain("1"));
    }

    @Test
    void reportsEveryBadLineWithItsNumber() {
        Problems problems = new Problems();
        DotEnv.parse("app.env", """
                OK=1
                1BAD=x
                WITH SPACE=y
                Q="never closed
                MORE=1
                """.getBytes(StandardCharsets.UTF_8), problems);

        assertThat(problems.list()).extracting(Problem::line, Problem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "a line must be KEY=VALUE with KEY made of letters, digits and _ (got '1BAD')"),
                org.assertj.core.groups.Tuple.tuple(3, "a line must be KEY=VALUE with KEY made of letters, digits and _ (got 'WITH SPACE')"),
                org.assertj.core.groups.Tuple.tuple(4, "the quote that starts the value of Q is never closed"));
        assertThat(problems.list()).allSatisfy(p -> assertThat(p.file()).isEqualTo("app.env"));
    }

    @Test
    void requiredVariableErrorsCarryTheirLine() {
        Problems problems = new Problems();
        DotEnv.parse("app.env", "A=1\nB=${NEED:?set NEED}\n".getBytes(StandardCharsets.UTF_8), problems);
        assertThat(problems.list()).extracting(Problem::line).containsExactly(2);
        assertThat(problems.list().get(0).message()).isEqualTo("required variable NEED is missing a value: set NEED");
    }
}
