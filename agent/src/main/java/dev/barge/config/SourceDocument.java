package dev.barge.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One parsed YAML or JSON document with the line of every node, so that a problem can name
 * file:line as well as the JSON pointer. {@code file} is repo-relative.
 */
public record SourceDocument(String file, JsonNode root, Map<String, Integer> lines) {
    public SourceDocument {
        lines = Map.copyOf(lines);
    }

    /** The line of the node at {@code pointer}, or of its nearest ancestor that has one; 0 when unknown. */
    public int lineOf(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** The RFC 6901 pointer of a child key: "~" and "/" escaped. */
    public static String child(String pointer, String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String pointer, int index) {
        return pointer + "/" + index;
    }
}
