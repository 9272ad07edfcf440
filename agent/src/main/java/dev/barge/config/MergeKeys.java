package dev.barge.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * YAML 1.1's merge key as Compose reads it (go-yaml): {@code <<: *a} or {@code <<: [*a, *b]} (or inline
 * mappings) adds the keys of those mappings that the mapping does not set itself, shallowly; the mapping's
 * own keys win wherever they are written, and in a list the first mapping that sets a key wins. Merged
 * keys keep the lines they were written on, so that a problem in merged content points at the anchor.
 */
final class MergeKeys {
    static final String KEY = "<<";

    /** One mapping to merge, and the pointer its keys' lines are recorded under. */
    record Source(ObjectNode mapping, String pointer) {
    }

    private MergeKeys() {
    }

    /** The mappings the value of a merge key at {@code pointer} names, in order; refused unless they are mappings. */
    static List<Source> sources(JsonNode value, String pointer) {
        List<Source> sources = new ArrayList<>();
        if (value instanceof ObjectNode mapping) {
            sources.add(new Source(mapping, pointer));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                if (!(value.get(i) instanceof ObjectNode mapping)) {
                    throw refusal();
                }
                sources.add(new Source(mapping, SourceDocument.child(pointer, i)));
            }
        } else {
            throw refusal();
        }
        return sources;
    }

    private static YamlAnchors.Unreadable refusal() {
        return new YamlAnchors.Unreadable("the merge key << takes a mapping, an alias of one (<<: *name)"
                + " or a list of them (<<: [*a, *b]): anchor a mapping");
    }

    /**
     * {@code own} with the sources' keys it does not set inserted where the merge key was written
     * ({@code at}, an index among {@code own}'s keys); the merged keys' lines are copied to their new pointers.
     */
    static ObjectNode apply(ObjectNode own, int at, List<Source> sources, String pointer, Map<String, Integer> lines) {
        ObjectNode merged = own.objectNode();
        int index = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = own.fields(); it.hasNext(); index++) {
            if (index == at) {
                insert(merged, own, sources, pointer, lines);
            }
            Map.Entry<String, JsonNode> field = it.next();
            merged.set(field.getKey(), field.getValue());
        }
        if (at >= index) {
            insert(merged, own, sources, pointer, lines);
        }
        return merged;
    }

    private static void insert(ObjectNode merged, ObjectNode own, List<Source> sources, String pointer,
                               Map<String, Integer> lines) {
        for (Source source : sources) {
            for (Iterator<Map.Entry<String, JsonNode>> it = source.mapping().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey();
                if (own.has(key) || merged.has(key)) {
                    continue;
                }
                merged.set(key, field.getValue());
                copyLines(lines, SourceDocument.child(source.pointer(), key), lines, SourceDocument.child(pointer, key),
                        field.getValue(), true);
            }
        }
    }

    /** The lines of {@code node} and its descendants, recorded under {@code from}, recorded again under {@code to}. */
    static void copyLines(Map<String, Integer> fromLines, String from, Map<String, Integer> toLines, String to,
                          JsonNode node, boolean withRoot) {
        Integer line = fromLines.get(from);
        if (withRoot && line != null) {
            toLines.put(to, line);
        }
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                copyLines(fromLines, SourceDocument.child(from, key), toLines, SourceDocument.child(to, key), node.get(key), true);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                copyLines(fromLines, SourceDocument.child(from, i), toLines, SourceDocument.child(to, i), node.get(i), true);
            }
        }
    }
}
