package dev.barge.decrypt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.BargeException;
import dev.barge.Failure;
import java.util.ArrayList;
import java.util.List;

/** sops's {@code --extract '["key"][0]'}: one value or subtree of the first document. */
final class Extract {

    private Extract() {
    }

    /** The steps of an extract path: a String for a key, an Integer for a list index. */
    static List<Object> parse(String expression) {
        List<Object> steps = new ArrayList<>();
        for (String component : expression.split("\\[")) {
            if (component.isEmpty()) {
                continue;
            }
            if (!component.endsWith("]") || component.length() < 2) {
                throw usage(expression);
            }
            String inner = component.substring(0, component.length() - 1);
            char first = inner.isEmpty() ? ' ' : inner.charAt(0);
            if (first == '"' || first == '\'') {
                if (inner.length() < 2 || inner.charAt(inner.length() - 1) != first) {
                    throw usage(expression);
                }
                steps.add(inner.substring(1, inner.length() - 1));
            } else {
                try {
                    steps.add(Integer.valueOf(inner));
                } catch (NumberFormatException e) {
                    throw usage(expression);
                }
            }
        }
        if (steps.isEmpty()) {
            throw usage(expression);
        }
        return steps;
    }

    static byte[] apply(String path, PlainDocument document, List<Object> steps) {
        if (document.documents().isEmpty()) {
            throw BargeException.badInput(path + ": has no document to extract from");
        }
        JsonNode node = document.documents().get(0);
        StringBuilder where = new StringBuilder();
        for (Object step : steps) {
            JsonNode next = step instanceof Integer ? (node.isArray() ? node.get((Integer) step) : null)
                    : (node.isObject() ? node.get((String) step) : null);
            where.append(step instanceof Integer ? "[" + step + "]" : "[\"" + step + "\"]");
            if (next == null) {
                throw BargeException.badInput(path + ": has nothing at " + where + ": check the --extract path");
            }
            node = next;
        }
        if (!node.isContainerNode()) {
            return GoScalars.envTextBytes(node);
        }
        return document.format() == SopsFormat.YAML ? TreeWriter.yamlValue(node) : TreeWriter.json(node);
    }

    private static BargeException usage(String expression) {
        return new BargeException(Failure.USAGE, "--extract '" + expression
                + "' is not a sops path: write it like '[\"key\"][\"nested\"][0]'");
    }
}
