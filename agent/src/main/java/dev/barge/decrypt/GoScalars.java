package dev.barge.decrypt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scalar values as sops (Go) sees them. The MAC hashes every leaf in Go's text form, so unencrypted
 * values must be typed the way go-yaml v3 and encoding/json type them, and formatted the way
 * {@code sops.ToBytes} formats them; otherwise a correct file fails verification.
 */
final class GoScalars {
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** go-yaml v3 resolve.go's yamlStyleFloat; also the decimal floats strconv.ParseFloat is given in practice. */
    private static final Pattern DECIMAL_FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");

    /** go-yaml v3 resolveMap: the only plain words that are not strings. */
    private static final Map<String, JsonNode> YAML_WORDS = Map.ofEntries(
            Map.entry("true", BooleanNode.TRUE), Map.entry("True", BooleanNode.TRUE), Map.entry("TRUE", BooleanNode.TRUE),
            Map.entry("false", BooleanNode.FALSE), Map.entry("False", BooleanNode.FALSE), Map.entry("FALSE", BooleanNode.FALSE),
            Map.entry("~", NullNode.instance), Map.entry("null", NullNode.instance), Map.entry("Null", NullNode.instance),
            Map.entry("NULL", NullNode.instance),
            Map.entry(".nan", DoubleNode.valueOf(Double.NaN)), Map.entry(".NaN", DoubleNode.valueOf(Double.NaN)),
            Map.entry(".NAN", DoubleNode.valueOf(Double.NaN)),
            Map.entry(".inf", DoubleNode.valueOf(Double.POSITIVE_INFINITY)),
            Map.entry(".Inf", DoubleNode.valueOf(Double.POSITIVE_INFINITY)),
            Map.entry(".INF", DoubleNode.valueOf(Double.POSITIVE_INFINITY)),
            Map.entry("+.inf", DoubleNode.valueOf(Double.POSITIVE_INFINITY)),
            Map.entry("+.Inf", DoubleNode.valueOf(Double.POSITIVE_INFINITY)),
            Map.entry("+.INF", DoubleNode.valueOf(Double.POSITIVE_INFINITY)),
            Map.entry("-.inf", DoubleNode.valueOf(Double.NEGATIVE_INFINITY)),
            Map.entry("-.Inf", DoubleNode.valueOf(Double.NEGATIVE_INFINITY)),
            Map.entry("-.INF", DoubleNode.valueOf(Double.NEGATIVE_INFINITY)));

    private static final Set<String> GO_TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
    private static final Set<String> GO_FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

    private GoScalars() {
    }

    /** Thrown for a value sops itself cannot hold (an integer beyond int64 that go-yaml makes a uint64). */
    static final class UnsupportedScalar extends Exception {
        private static final long serialVersionUID = 1L;

        UnsupportedScalar(String message) {
            super(message);
        }
    }

    /** The value go-yaml v3 decodes an untagged plain scalar to (into interface{}). */
    static JsonNode resolvePlainYaml(String text) throws UnsupportedScalar {
        if (text.isEmpty()) {
            return NullNode.instance;
        }
        JsonNode word = YAML_WORDS.get(text);
        if (word != null) {
            return word;
        }
        char first = text.charAt(0);
        if (first == '.') {
            return DECIMAL_FLOAT.matcher(text).matches() ? DoubleNode.valueOf(Double.parseDouble(text)) : TextNode.valueOf(text);
        }
        if (first != '+' && first != '-' && (first < '0' || first > '9')) {
            return TextNode.valueOf(text);
        }
        String plain = text.replace("_", "");
        BigInteger integer = parseGoInteger(plain);
        if (integer != null) {
            if (integer.compareTo(INT64_MIN) >= 0 && integer.compareTo(INT64_MAX) <= 0) {
                return LongNode.valueOf(integer.longValue());
            }
            if (integer.signum() > 0 && integer.compareTo(UINT64_MAX) <= 0) {
                throw new UnsupportedScalar("an integer above the int64 range, which sops cannot hold");
            }
        }
        if (DECIMAL_FLOAT.matcher(plain).matches()) {
            return DoubleNode.valueOf(Double.parseDouble(plain));
        }
        // timestamps and anything else stay strings, as sops decodes them into interface{}
        return TextNode.valueOf(text);
    }

    /** strconv.ParseInt/ParseUint with base 0 (sign, 0x, 0o, 0b, leading-0 octal), unbounded; null if not an integer. */
    static BigInteger parseGoInteger(String s) {
        int i = 0;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        String body = s.substring(i);
        int radix = 10;
        if (body.length() >= 2 && body.charAt(0) == '0') {
            char p = Character.toLowerCase(body.charAt(1));
            if (p == 'x' || p == 'o' || p == 'b') {
                radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
                body = body.substring(2);
            } else {
                radix = 8;
                body = body.substring(1);
            }
        }
        if (body.isEmpty()) {
            return null;
        }
        for (int k = 0; k < body.length(); k++) {
            if (Character.digit(body.charAt(k), radix) < 0) {
                return null;
            }
        }
        BigInteger value = new BigInteger(body, radix);
        return negative ? value.negate() : value;
    }

    /** sops's {@code type:} for a leaf that is about to be encrypted. */
    static String typeOf(JsonNode leaf) {
        if (leaf.isTextual() || leaf.isBinary()) {
            return "str";
        }
        if (leaf.isIntegralNumber()) {
            return "int";
        }
        if (leaf.isNumber()) {
            return "float";
        }
        if (leaf.isBoolean()) {
            return "bool";
        }
        throw new IllegalArgumentException("not a scalar: " + leaf.getNodeType());
    }

    /** {@code sops.ToBytes}: what is encrypted and what the MAC hashes. */
    static byte[] toBytes(JsonNode leaf) {
        if (leaf.isBinary()) {
            return ((BinaryNode) leaf).binaryValue();
        }
        return text(leaf).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(JsonNode leaf) {
        if (leaf.isTextual()) {
            return leaf.textValue();
        }
        if (leaf.isIntegralNumber()) {
            return leaf.bigIntegerValue().toString();
        }
        if (leaf.isNumber()) {
            return formatFloat(leaf.doubleValue());
        }
        if (leaf.isBoolean()) {
            return leaf.booleanValue() ? "True" : "False";
        }
        throw new IllegalArgumentException("not a scalar: " + leaf.getNodeType());
    }

    /** A leaf as an environment variable value: like Go's text, but booleans as Compose writes them. */
    static String envText(JsonNode leaf) {
        if (leaf.isNull()) {
            return "";
        }
        if (leaf.isBoolean()) {
            return leaf.booleanValue() ? "true" : "false";
        }
        if (leaf.isBinary()) {
            return new String(((BinaryNode) leaf).binaryValue(), StandardCharsets.UTF_8);
        }
        return text(leaf);
    }

    /** {@link #envText} as bytes, keeping a non-UTF-8 value's bytes as they are. */
    static byte[] envTextBytes(JsonNode leaf) {
        return leaf.isBinary() ? ((BinaryNode) leaf).binaryValue() : envText(leaf).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code strconv.FormatFloat(f, 'f', -1, 64)}: the shortest digits that read back as f, never an exponent. */
    static String formatFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == d) {
                return rounded.stripTrailingZeros().toPlainString();
            }
        }
        return exact.stripTrailingZeros().toPlainString();
    }

    /** The value sops's {@code Cipher.Decrypt} makes of a decrypted plaintext; null for an unknown type. */
    static JsonNode fromPlaintext(byte[] plaintext, String type) {
        String text = new String(plaintext, StandardCharsets.UTF_8);
        try {
            switch (type) {
                case "str":
                    return stringNode(plaintext);
                case "int":
                    return LongNode.valueOf(Long.parseLong(text.startsWith("+") ? text.substring(1) : text));
                case "float":
                    return DoubleNode.valueOf(parseGoFloat(text));
                case "bool":
                    if (GO_TRUE.contains(text)) {
                        return BooleanNode.TRUE;
                    }
                    return GO_FALSE.contains(text) ? BooleanNode.FALSE : null;
                case "bytes":
                    return BinaryNode.valueOf(plaintext);
                case "time":
                    return TextNode.valueOf(text);
                default:
                    return null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Text when the bytes are UTF-8 (as nearly always), the raw bytes otherwise, so nothing is lost. */
    static JsonNode stringNode(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return TextNode.valueOf(text);
        } catch (CharacterCodingException e) {
            return JsonNodeFactory.instance.binaryNode(bytes.clone());
        }
    }

    private static double parseGoFloat(String text) {
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "inf":
            case "+inf":
            case "infinity":
            case "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            case "nan":
                return Double.NaN;
            default:
                if (!DECIMAL_FLOAT.matcher(text).matches()) {
                    throw new NumberFormatException("not a float");
                }
                return Double.parseDouble(text);
        }
    }
}
