package dev.barge.decrypt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * sops's tree walk ({@code walkBranch}/{@code walkSlice}): mappings in document order, list items with
 * the list's own path (never an index), nulls left alone. Returns a new tree; the input is not changed.
 */
final class TreeWalk {

    /** What to do with each non-null scalar; {@code path} is the key path (list items: the list's). */
    interface Leaf {
        JsonNode visit(List<String> path, JsonNode leaf);
    }

    private TreeWalk() {
    }

    static ObjectNode map(ObjectNode branch, Leaf leaf) {
        return (ObjectNode) walk(branch, List.of(), leaf);
    }

    private static JsonNode walk(JsonNode node, List<String> path, Leaf leaf) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(field -> copy.set(field.getKey(), walk(field.getValue(), append(path, field.getKey()), leaf)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(walk(item, path, leaf)));
            return copy;
        }
        if (node.isNull() || node.isMissingNode()) {
            return NullNode.instance;
        }
        return leaf.visit(path, node);
    }

    private static List<String> append(List<String> path, String key) {
        List<String> child = new ArrayList<>(path.size() + 1);
        child.addAll(path);
        child.add(key);
        return Collections.unmodifiableList(child);
    }

    /** The additional data sops binds a value to: the path's keys joined with ':' plus a trailing ':'. */
    static String aad(List<String> path) {
        return String.join(":", path) + ":";
    }
}
