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
 * Compose does, and remembers the JSON pointer of every value a secret reached.
 */
final class TreeInterpolation {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** The interpolated copy of the mapping, and the pointers (absolute in the document) of sensitive values. */
    record Interpolated(JsonNode root, NavigableSet<String> sensitivePointers) {
    }

    private TreeInterpolation() {
    }

    static Interpolated run(SourceDocument doc, String pointer, JsonNode node, Interpolator interpolator,
                            Problems problems) {
        NavigableSet<String> sensitive = new TreeSet<>();
        JsonNode copy = copy(doc, pointer, node, interpolator, problems, sensitive);
        return new Interpolated(copy, sensitive);
    }

    private static JsonNode copy(SourceDocument doc, String pointer, JsonNode node, Interpolator interpolator,
                                 Problems problems, NavigableSet<String> sensitive) {
        if (node.isTextual()) {
            Interpolator.Result result = interpolator.interpolate(node.textValue());
            result.errors().forEach(error -> problems.add(doc, pointer, error));
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
                object.set(field.getKey(), copy(doc, SourceDocument.child(pointer, field.getKey()), field.getValue(),
                        interpolator, problems, sensitive));
            }
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                array.add(copy(doc, SourceDocument.child(pointer, i), node.get(i), interpolator, problems, sensitive));
            }
            return array;
        }
        return node;
    }
}
