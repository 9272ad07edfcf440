package dev.barge.config.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.barge.config.Problems;
import dev.barge.config.SourceDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * A position in the interpolated compose tree: its JSON pointer (for file:line), a readable path
 * ({@code healthcheck.interval}) relative to its owner ({@code service web}), and typed reads that report a
 * problem naming both and return null when the value is absent or wrong. Messages quote a value only when
 * no secret reached it.
 */
final class Node {

    /** What every node of one compose mapping shares. */
    record Input(SourceDocument doc, Problems problems, NavigableSet<String> sensitivePointers,
                 Map<String, String> baseDirs) {
        Input {
            baseDirs = Map.copyOf(baseDirs);
        }

        /** One file's mapping: every relative path resolves against the parser's base directory. */
        Input(SourceDocument doc, Problems problems, NavigableSet<String> sensitivePointers) {
            this(doc, problems, sensitivePointers, Map.of());
        }
    }

    private final Input in;
    private final String pointer;
    private final JsonNode value;
    private final String path;
    private final String owner;

    private Node(Input in, String pointer, JsonNode value, String path, String owner) {
        this.in = in;
        this.pointer = pointer;
        this.value = value == null ? MissingNode.getInstance() : value;
        this.path = path;
        this.owner = owner;
    }

    static Node root(Input in, String pointer, JsonNode value, String owner) {
        return new Node(in, pointer, value, "", owner);
    }

    Node child(String key) {
        return new Node(in, SourceDocument.child(pointer, key), value.get(key), path.isEmpty() ? key : path + "." + key, owner);
    }

    Node child(int index) {
        return new Node(in, SourceDocument.child(pointer, index), value.get(index), path + "[" + index + "]", owner);
    }

    /** The same node, described from now on as {@code owner} itself (e.g. "service web"). */
    Node as(String newOwner) {
        return new Node(in, pointer, value, "", newOwner);
    }

    String pointer() {
        return pointer;
    }

    Input input() {
        return in;
    }

    /**
     * The directory this node's relative paths resolve against: where it was written when extends or
     * include brought it from another file, else {@code fallback} (the compose file's own).
     */
    String baseDir(String fallback) {
        if (in.baseDirs().isEmpty()) {
            return fallback;
        }
        String p = pointer;
        while (true) {
            String dir = in.baseDirs().get(p);
            if (dir != null) {
                return dir;
            }
            if (p.isEmpty()) {
                return fallback;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    JsonNode json() {
        return value;
    }

    boolean absent() {
        return value.isMissingNode() || value.isNull();
    }

    boolean isObject() {
        return value.isObject();
    }

    boolean isArray() {
        return value.isArray();
    }

    boolean isScalar() {
        return value.isValueNode() && !value.isNull();
    }

    boolean isNumber() {
        return value.isNumber();
    }

    boolean has(String key) {
        return value.isObject() && value.has(key);
    }

    /** The fields of a mapping in file order (empty for anything else). */
    List<Map.Entry<String, Node>> fields() {
        List<Map.Entry<String, Node>> fields = new ArrayList<>();
        if (value.isObject()) {
            for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                fields.add(Map.entry(key, child(key)));
            }
        }
        return fields;
    }

    /** The items of a list (empty for anything else). */
    List<Node> items() {
        List<Node> items = new ArrayList<>();
        for (int i = 0; value.isArray() && i < value.size(); i++) {
            items.add(child(i));
        }
        return items;
    }

    /** True when a secret reached this value or anything under it. */
    boolean sensitive() {
        for (String p : in.sensitivePointers().tailSet(pointer, true)) {
            if (!p.startsWith(pointer)) {
                return false;
            }
            if (p.length() == pointer.length() || p.charAt(pointer.length()) == '/') {
                return true;
            }
        }
        return false;
    }

    /** The value as a message may quote it. */
    String shown() {
        if (sensitive()) {
            return "(sensitive)";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (absent()) {
            return "empty";
        }
        String text = scalarText();
        return "'" + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "'";
    }

    /** "'ports[0]' in service web", or the owner itself at its root. */
    String where() {
        return path.isEmpty() ? owner : "'" + path + "' in " + owner;
    }

    void report(String message) {
        in.problems().add(in.doc(), pointer, where() + ": " + message);
    }

    /** Reports "X must be {@code expectation}, not Y". Always returns null, for the typed reads. */
    <T> T expected(String expectation) {
        in.problems().add(in.doc(), pointer, where() + " must be " + expectation + ", not " + shown());
        return null;
    }

    /** Reports every key of a mapping outside {@code supported}; {@code x-} extension keys are allowed. */
    void onlyKeys(Set<String> supported) {
        for (Map.Entry<String, Node> field : fields()) {
            String key = field.getKey();
            if (!supported.contains(key) && !key.startsWith("x-")) {
                in.problems().add(in.doc(), field.getValue().pointer, "unknown key '" + key + "' in " + where()
                        + " (supported: " + String.join(", ", new TreeSet<>(supported)) + ")");
            }
        }
    }

    /** True for a mapping; false when absent, and a problem for anything else. */
    boolean object() {
        if (value.isObject()) {
            return true;
        }
        if (!absent()) {
            expected("a mapping");
        }
        return false;
    }

    String text() {
        if (absent()) {
            return null;
        }
        return isScalar() ? scalarText() : expected("a string");
    }

    /** The text of a value that names something in the engine: a name shows everywhere, so none may come from a secret. */
    String name() {
        if (sensitive()) {
            report("a name cannot come from a secret: it shows in docker ps, plans and history; use a plain value");
            return null;
        }
        return text();
    }

    Integer integer() {
        Long number = wholeNumber("a whole number");
        if (number == null) {
            return null;
        }
        return number == number.intValue() ? number.intValue() : expected("a whole number below 2^31");
    }

    Long longValue() {
        return wholeNumber("a whole number");
    }

    Double decimal() {
        if (absent()) {
            return null;
        }
        if (value.isNumber()) {
            double number = value.doubleValue();
            return Double.isFinite(number) ? number : expected("a finite number");
        }
        try {
            double number = value.isTextual() ? Double.parseDouble(value.textValue().strip()) : Double.NaN;
            return Double.isFinite(number) ? number : expected("a number");
        } catch (NumberFormatException e) {
            return expected("a number");
        }
    }

    Boolean bool() {
        if (absent()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        // a string comes from quotes or interpolation (${DEBUG:-false}); Compose takes only true and false, not yes/on
        String text = value.isTextual() ? value.textValue().strip().toLowerCase(Locale.ROOT) : "";
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> expected("true or false");
        };
    }

    /** A whole YAML number is seconds, as Compose reads it. */
    Duration duration() {
        if (absent()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
            return Duration.ofSeconds(value.longValue());
        }
        if (!value.isTextual()) {
            return expected(Durations.EXPECTED);
        }
        return Durations.parse(value.textValue()).orElseGet(() -> expected(Durations.EXPECTED));
    }

    /** A size in bytes; a whole YAML number is bytes. */
    Long bytes() {
        if (absent()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
            return value.longValue();
        }
        OptionalLong size = value.isTextual() ? ByteSizes.parse(value.textValue()) : OptionalLong.empty();
        return size.isPresent() ? Long.valueOf(size.getAsLong()) : expected(ByteSizes.EXPECTED);
    }

    /** A string or a list of strings (e.g. {@code dns}, {@code env_file}); empty when absent. */
    List<String> textList() {
        if (absent()) {
            return List.of();
        }
        if (isScalar()) {
            return List.of(scalarText());
        }
        return value.isArray() ? list() : expectedList("a string or a list of strings");
    }

    /** A list of strings (e.g. {@code cap_add}); empty when absent. */
    List<String> list() {
        if (absent()) {
            return List.of();
        }
        if (!value.isArray()) {
            return expectedList("a list of strings");
        }
        List<String> texts = new ArrayList<>();
        for (Node item : items()) {
            String text = item.text();
            if (text != null) {
                texts.add(text);
            } else if (item.absent()) {
                item.expected("a string");
            }
        }
        return texts;
    }

    private List<String> expectedList(String expectation) {
        expected(expectation);
        return List.of();
    }

    private Long wholeNumber(String expectation) {
        if (absent()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? value.longValue() : expected(expectation);
        }
        try {
            return value.isTextual() ? Long.valueOf(value.textValue().strip()) : expected(expectation);
        } catch (NumberFormatException e) {
            return expected(expectation);
        }
    }

    private String scalarText() {
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        return value.asText();
    }
}
