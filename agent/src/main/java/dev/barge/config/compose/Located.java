package dev.barge.config.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.barge.config.SourceDocument;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An interpolated compose value that remembers where it was written (file, line, and the directory its
 * relative paths resolve against) and whether a secret reached it. {@code extends} and {@code include}
 * merge values of several files; merging these instead of plain JSON keeps every later problem at the
 * file:line the user wrote, and every relative path resolved where it was written.
 *
 * <p>A scalar has {@code value} (interpolated) and {@code written} (as in the file: a failed
 * interpolation leaves value null); a mapping has {@code fields}; a list has {@code items}.
 */
record Located(JsonNode value, JsonNode written, Map<String, Located> fields, List<Located> items, Where where,
               boolean sensitive) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** Where a value was written; {@code baseDir} is what its relative paths are resolved against. */
    record Where(String file, int line, String baseDir) {
        Where atLine(int newLine) {
            return newLine > 0 ? new Where(file, newLine, baseDir) : this;
        }
    }

    Located {
        fields = fields == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        items = items == null ? null : List.copyOf(items);
    }

    static Located mapping(Map<String, Located> fields, Where where) {
        return new Located(null, null, fields, null, where, false);
    }

    static Located list(List<Located> items, Where where) {
        return new Located(null, null, null, items, where, false);
    }

    static Located text(String text, Where where) {
        return new Located(NODES.textNode(text), NODES.textNode(text), null, null, where, false);
    }

    static Located nothing(Where where) {
        return new Located(NODES.nullNode(), NODES.nullNode(), null, null, where, false);
    }

    boolean isMapping() {
        return fields != null;
    }

    boolean isList() {
        return items != null;
    }

    boolean isNull() {
        return value != null && value.isNull();
    }

    /** The scalar's text, or null when it is not a string. */
    String text() {
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    Located field(String key) {
        return fields == null ? null : fields.get(key);
    }

    Located withFields(Map<String, Located> newFields) {
        return mapping(newFields, where);
    }

    /**
     * The tree at {@code pointer} of {@code doc}: {@code interpolated} is that node after interpolation,
     * {@code sensitive} the document's pointers a secret reached.
     */
    static Located of(SourceDocument doc, String pointer, JsonNode interpolated, Set<String> sensitive, String baseDir) {
        return of(doc, pointer, interpolated, doc.root().at(pointer), sensitive,
                new Where(doc.file(), doc.lineOf(pointer), baseDir));
    }

    private static Located of(SourceDocument doc, String pointer, JsonNode value, JsonNode written, Set<String> sensitive,
                              Where parent) {
        Where where = parent.atLine(doc.lines().getOrDefault(pointer, 0));
        if (value.isObject()) {
            Map<String, Located> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                fields.put(field.getKey(), of(doc, SourceDocument.child(pointer, field.getKey()), field.getValue(),
                        written.path(field.getKey()), sensitive, where));
            }
            return mapping(fields, where);
        }
        if (value.isArray()) {
            List<Located> items = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                items.add(of(doc, SourceDocument.child(pointer, i), value.get(i), written.path(i), sensitive, where));
            }
            return list(items, where);
        }
        return new Located(value, written.isMissingNode() ? value : written, null, null, where, sensitive.contains(pointer));
    }

    /** The plain JSON of the interpolated value, for comparing two definitions. */
    JsonNode json() {
        return json(false);
    }

    /** Whether a secret reached this value or any value below it. */
    boolean anySensitive() {
        if (sensitive) {
            return true;
        }
        if (fields != null) {
            return fields.values().stream().anyMatch(Located::anySensitive);
        }
        return items != null && items.stream().anyMatch(Located::anySensitive);
    }

    /** The number of nodes in the tree, itself included. */
    int size() {
        int n = 1;
        if (fields != null) {
            for (Located child : fields.values()) {
                n += child.size();
            }
        } else if (items != null) {
            for (Located child : items) {
                n += child.size();
            }
        }
        return n;
    }

    JsonNode json(boolean asWritten) {
        if (fields != null) {
            ObjectNode object = NODES.objectNode();
            fields.forEach((key, child) -> object.set(key, child.json(asWritten)));
            return object;
        }
        if (items != null) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(child -> array.add(child.json(asWritten)));
            return array;
        }
        return asWritten ? written : value;
    }
}
