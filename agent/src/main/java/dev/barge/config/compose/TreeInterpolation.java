package dev.barge.config.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.barge.config.Problems;
import dev.barge.config.SourceDocument;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Interpolates every string value (never a key) of a compose mapping before any typed reading, as
 * Compose does, and remembers the JSON pointer of every value a secret reached. An unset variable is a
 * warning, or an error where an empty string would change what runs (see {@link UnsetVariables}).
 */
final class TreeInterpolation {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** The interpolated copy of the mapping, and the pointers (absolute in the document) of sensitive values. */
    record Interpolated(JsonNode root, NavigableSet<String> sensitivePointers) {
    }

    static Interpolated run(SourceDocument doc, String pointer, JsonNode node, Interpolator interpolator,
                            Problems problems) {
        NavigableSet<String> sensitive = new TreeSet<>();
        JsonNode copy = new TreeInterpolation(doc, pointer, interpolator, problems, sensitive).copy(pointer, node);
        return new Interpolated(copy, sensitive);
    }

    private final SourceDocument doc;
    private final String base;
    private final Interpolator interpolator;
    private final Problems problems;
    private final NavigableSet<String> sensitive;

    private TreeInterpolation(SourceDocument doc, String base, Interpolator interpolator, Problems problems,
                              NavigableSet<String> sensitive) {
        this.doc = doc;
        this.base = base;
        this.interpolator = interpolator;
        this.problems = problems;
        this.sensitive = sensitive;
    }

    private JsonNode copy(String pointer, JsonNode node) {
        if (node.isTextual()) {
            Interpolator.Result result = interpolator.interpolate(node.textValue());
            result.errors().forEach(error -> problems.add(doc, pointer, error));
            String landing = UnsetVariables.refusedIn(pointer.substring(base.length()));
            for (String name : result.unset()) {
                if (landing != null) {
                    problems.add(doc, pointer, UnsetVariables.error(name, landing));
                } else {
                    problems.warn(doc, pointer, UnsetVariables.warning(name));
                }
            }
            if (!result.errors().isEmpty() || (landing != null && !result.unset().isEmpty())) {
                // the variable is the problem: what a reader then finds wrong with the value would only repeat it
                problems.settle(doc, pointer);
            }
            if (!result.ok()) {
                // already reported: reading the half-interpolated value would only add a second, confusing problem
                return NODES.nullNode();
            }
            if (result.sensitive()) {
                sensitive.add(pointer);
            }
            return NODES.textNode(result.value());
        }
        if (node.isObject()) {
            ObjectNode object = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                object.set(field.getKey(), copy(SourceDocument.child(pointer, field.getKey()), field.getValue()));
            }
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                array.add(copy(SourceDocument.child(pointer, i), node.get(i)));
            }
            return array;
        }
        return node;
    }
}
