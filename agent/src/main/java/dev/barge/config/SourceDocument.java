package dev.barge.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One parsed YAML or JSON document with the line of every node, so that a problem can name
 * file:line as well as the JSON pointer. {@code file} is repo-relative. A document assembled from
 * several files (compose's {@code extends} and {@code include}) names, in {@code files}, the file of
 * each node written elsewhere than its parent; a node's file is its nearest such entry, else {@code file}.
 */
public record SourceDocument(String file, JsonNode root, Map<String, Integer> lines, Map<String, String> files) {
    public SourceDocument {
        lines = Map.copyOf(lines);
        files = Map.copyOf(files);
    }

    /** A document read from one file. */
    public SourceDocument(String file, JsonNode root, Map<String, Integer> lines) {
        this(file, root, lines, Map.of());
    }

    /** The file the node at {@code pointer} was written in: the one its line ({@link #lineOf}) is in. */
    public String fileOf(String pointer) {
        if (files.isEmpty()) {
            return file;
        }
        String p = pointer;
        while (!lines.containsKey(p) && !p.isEmpty()) {
            p = p.substring(0, p.lastIndexOf('/'));
        }
        while (true) {
            String written = files.get(p);
            if (written != null) {
                return written;
            }
            if (p.isEmpty()) {
                return file;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
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
