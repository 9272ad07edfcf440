package dev.barge.decrypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Scalars typed and formatted as sops's Go code does, which the MAC over unencrypted values depends on. */
class GoScalarsTest {

    static Stream<Arguments> plainYamlScalars() {
        return Stream.of(
                Arguments.of("true", BooleanNode.TRUE), Arguments.of("True", BooleanNode.TRUE), Arguments.of("FALSE", BooleanNode.FALSE),
                Arguments.of("tRue", TextNode.valueOf("tRue")), Arguments.of("yes", TextNode.valueOf("yes")),
                Arguments.of("on", TextNode.valueOf("on")), Arguments.of("n", TextNode.valueOf("n")),
                Arguments.of("~", NullNode.instance), Arguments.of("null", NullNode.instance), Arguments.of("", NullNode.instance),
                Arguments.of("42", LongNode.valueOf(42)), Arguments.of("+5", LongNode.valueOf(5)), Arguments.of("-0", LongNode.valueOf(0)),
                Arguments.of("0x1F", LongNode.valueOf(31)), Arguments.of("0o17", LongNode.valueOf(15)), Arguments.of("017", LongNode.valueOf(15)),
                Arguments.of("0b101", LongNode.valueOf(5)), Arguments.of("1_000", LongNode.valueOf(1000)),
                Arguments.of("08", DoubleNode.valueOf(8)), Arguments.of("1.5", DoubleNode.valueOf(1.5)),
                Arguments.of("1e3", DoubleNode.valueOf(1000)), Arguments.of(".5", DoubleNode.valueOf(0.5)),
                Arguments.of(".inf", DoubleNode.valueOf(Double.POSITIVE_INFINITY)),
                Arguments.of("-.Inf", DoubleNode.valueOf(Double.NEGATIVE_INFINITY)),
                Arguments.of("99999999999999999999999", DoubleNode.valueOf(1e23)),
                Arguments.of("2024-01-01", TextNode.valueOf("2024-01-01")),
                Arguments.of("2024-11-12T13:33:42Z", TextNode.valueOf("2024-11-12T13:33:42Z")),
                Arguments.of("1:20", TextNode.valueOf("1:20")), Arguments.of("-", TextNode.valueOf("-")),
                Arguments.of("0x", TextNode.valueOf("0x")), Arguments.of("value", TextNode.valueOf("value")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("plainYamlScalars")
    void plainScalarsResolveLikeGoYamlV3(String text, JsonNode expected) throws Exception {
        JsonNode actual = GoScalars.resolvePlainYaml(text);
        if (expected.isDouble() && Double.isNaN(expected.doubleValue())) {
            assertThat(actual.doubleValue()).isNaN();
        } else {
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void integersBeyondInt64AreRefusedAsSopsCannotHoldThem() {
        assertThatThrownBy(() -> GoScalars.resolvePlainYaml("18446744073709551615")).isInstanceOf(GoScalars.UnsupportedScalar.class);
    }

    @Test
    void yamlReaderTypesPlainScalarsButNeverQuotedOrBlockOnes() {
        String yaml = "a: 5\nb: '5'\nc: \"true\"\nd: true\ne: |\n  5\nf:\ng: ''\nh: &x 0x10\ni: *x\nj: !!str 7\nk: yes\n";
        JsonNode doc = TreeReader.readYaml("t.yaml", yaml.getBytes(StandardCharsets.UTF_8)).get(0);
        assertThat(doc.get("a")).isEqualTo(LongNode.valueOf(5));
        assertThat(doc.get("b")).isEqualTo(TextNode.valueOf("5"));
        assertThat(doc.get("c")).isEqualTo(TextNode.valueOf("true"));
        assertThat(doc.get("d")).isEqualTo(BooleanNode.TRUE);
        assertThat(doc.get("e")).isEqualTo(TextNode.valueOf("5\n"));
        assertThat(doc.get("f")).isEqualTo(NullNode.instance);
        assertThat(doc.get("g")).isEqualTo(TextNode.valueOf(""));
        assertThat(doc.get("h")).isEqualTo(LongNode.valueOf(16));
        assertThat(doc.get("i")).as("aliases are resolved").isEqualTo(LongNode.valueOf(16));
        assertThat(doc.get("j")).isEqualTo(TextNode.valueOf("7"));
        assertThat(doc.get("k")).isEqualTo(TextNode.valueOf("yes"));
    }

    @Test
    void writtenYamlReadsBackWithTheSameTypes() {
        String yaml = "a: '0o17'\nb: 'yes'\nc: '~'\nd: ''\ne: 'multi\n\n  line'\nf: 1.5\ng: 7\nh: false\ni: null\nj: 'true'\n";
        List<com.fasterxml.jackson.databind.node.ObjectNode> docs = TreeReader.readYaml("t.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(TreeReader.readYaml("again", TreeWriter.yaml(docs))).isEqualTo(docs);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1.0, 1", "0.25, 0.25", "1e21, 1000000000000000000000", "1.5e-7, 0.00000015", "0.1, 0.1", "2e-3, 0.002",
        "1e23, 100000000000000000000000", "123456789.123, 123456789.123", "-2.5, -2.5", "0.0, 0", "-0.0, -0",
        "NaN, NaN", "Infinity, +Inf", "-Infinity, -Inf"
    })
    void floatsAreFormattedLikeGoFormatFloatF(double value, String expected) {
        assertThat(GoScalars.formatFloat(value)).isEqualTo(expected);
    }

    @Test
    void extremeFloatsUseTheShortestDigitsWithoutExponent() {
        assertThat(GoScalars.formatFloat(Double.MIN_VALUE)).isEqualTo("0." + "0".repeat(323) + "5");
        assertThat(GoScalars.formatFloat(Double.MAX_VALUE)).isEqualTo("17976931348623157" + "0".repeat(292));
    }

    @ParameterizedTest(name = "{1}:{0}")
    @CsvSource({"True, bool, true", "true, bool, true", "1, bool, true", "F, bool, false", "42, int, 42", "5, float, 5.0",
        "2.5, float, 2.5", "x, str, x"})
    void decryptedPlaintextsBecomeGoValues(String plaintext, String type, String json) throws Exception {
        JsonNode value = GoScalars.fromPlaintext(plaintext.getBytes(StandardCharsets.UTF_8), type);
        assertThat(value.asText()).isEqualTo(json);
    }

    @Test
    void unknownTypesAndBadTextGiveNoValue() {
        assertThat(GoScalars.fromPlaintext("yes".getBytes(StandardCharsets.UTF_8), "bool")).isNull();
        assertThat(GoScalars.fromPlaintext("x".getBytes(StandardCharsets.UTF_8), "int")).isNull();
        assertThat(GoScalars.fromPlaintext("x".getBytes(StandardCharsets.UTF_8), "comment")).isNull();
    }

    @Test
    void macBytesUseGoTextForms() {
        assertThat(new String(GoScalars.toBytes(BooleanNode.TRUE), StandardCharsets.UTF_8)).isEqualTo("True");
        assertThat(new String(GoScalars.toBytes(DoubleNode.valueOf(3.0)), StandardCharsets.UTF_8)).isEqualTo("3");
        assertThat(new String(GoScalars.toBytes(LongNode.valueOf(-7)), StandardCharsets.UTF_8)).isEqualTo("-7");
    }
}
