package dev.barge.decrypt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.barge.BargeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decrypted documents as environment variables: nested keys joined with "_" (kept as written), a list
 * of scalars joined with ",", null as "". Two keys that flatten to the same name, or a list holding
 * mappings or lists, are errors that name the keys (never the values).
 */
final class Flattener {

    private Flattener() {
    }

    static Map<String, String> variables(String path, List<ObjectNode> documents) {
        Map<String, String> variables = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        for (ObjectNode document : documents) {
            flatten(path, "", "", document, variables, origins);
        }
        return variables;
    }

    private static void flatten(String path, String prefix, String origin, JsonNode node,
                                Map<String, String> variables, Map<String, String> origins) {
        if (node.isObject()) {
            node.properties().forEach(field -> flatten(path, prefix + field.getKey() + (field.getValue().isObject() ? "_" : ""),
                    origin.isEmpty() ? field.getKey() : origin + "." + field.getKey(), field.getValue(), variables, origins));
            return;
        }
        String value;
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : node) {
                if (item.isContainerNode()) {
                    throw BargeException.badInput(path + ": " + origin + " is a list of mappings or lists, which cannot be"
                            + " an environment variable: use a list of scalars or nested keys");
                }
                items.add(GoScalars.envText(item));
            }
            value = String.join(",", items);
        } else {
            value = GoScalars.envText(node);
        }
        String previous = origins.putIfAbsent(prefix, origin);
        if (previous != null) {
            throw BargeException.badInput(path + ": " + previous + " and " + origin + " both become the variable "
                    + prefix + ": rename one of them");
        }
        variables.put(prefix, value);
    }
}
