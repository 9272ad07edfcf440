package dev.barge.decrypt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.barge.BargeException;
import dev.barge.config.TextBounds;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * sops's dotenv store: KEY=VALUE lines (split at the first '=', key kept verbatim, "\n" sequences are
 * newlines), '#' lines are comments, dropped here ({@link DotenvComments} puts them back; never in the MAC); the metadata is
 * flattened into {@code sops_*} keys ({@code __map_<key>}, {@code __list_<index>}).
 */
final class DotenvStore {
    static final String METADATA_PREFIX = "sops_";
    private static final String MAP = "__map_";
    private static final String LIST = "__list_";

    private DotenvStore() {
    }

    /** The pairs in file order; {@code sops_*} lines, if any, become a nested {@code sops} mapping at the end. */
    static ObjectNode read(String path, byte[] bytes) {
        if (bytes.length > TextBounds.MAX_FILE_BYTES) {
            throw BargeException.badInput(path + ": is larger than " + TextBounds.MAX_FILE_BYTES / (1024 * 1024)
                    + " MiB, the limit for a dotenv file: keep large content out of it");
        }
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        Map<String, String> metadata = new TreeMap<>();
        int lineNumber = 0;
        int start = 0;
        while (start <= bytes.length) {
            int end = indexOf(bytes, (byte) '\n', start);
            lineNumber++;
            byte[] line = java.util.Arrays.copyOfRange(bytes, start, end);
            start = end + 1;
            if (line.length == 0 || line[0] == '#') {
                continue;
            }
            int equals = indexOf(line, (byte) '=', 0);
            if (equals == line.length) {
                throw BargeException.badInput(path + ": line " + lineNumber
                        + " is not KEY=VALUE (it has no '='): fix the dotenv file");
            }
            String key = new String(line, 0, equals, StandardCharsets.UTF_8);
            byte[] value = unescapeNewlines(java.util.Arrays.copyOfRange(line, equals + 1, line.length));
            if (key.startsWith(METADATA_PREFIX)) {
                metadata.put(key.substring(METADATA_PREFIX.length()), new String(value, StandardCharsets.UTF_8));
            } else if (values.has(key)) {
                throw BargeException.badInput(path + ": line " + lineNumber + ": duplicate key '" + key + "': remove one of them");
            } else {
                values.set(key, GoScalars.stringNode(value));
            }
        }
        if (!metadata.isEmpty()) {
            if (values.has("sops")) {
                throw BargeException.badInput(path + ": has both a key named 'sops' and sops_* metadata: rename the key");
            }
            values.set("sops", unflatten(path, metadata));
        }
        return values;
    }

    /** KEY=VALUE lines; a {@code sops} mapping is written flattened as {@code sops_*} lines, sorted. */
    static byte[] write(String path, ObjectNode document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, JsonNode> field : document.properties()) {
            if (field.getKey().equals("sops") && field.getValue().isObject()) {
                continue;
            }
            if (field.getValue().isContainerNode()) {
                throw BargeException.badInput(path + ": key '" + field.getKey()
                        + "' holds a nested value, which a dotenv file cannot: use the yaml or json format");
            }
            writeLine(out, field.getKey(), GoScalars.envTextBytes(field.getValue()));
        }
        JsonNode metadata = document.get("sops");
        if (metadata != null && metadata.isObject()) {
            Map<String, String> flat = new TreeMap<>();
            flatten("", metadata, flat);
            flat.forEach((key, value) -> writeLine(out, METADATA_PREFIX + key, value.getBytes(StandardCharsets.UTF_8)));
        }
        return out.toByteArray();
    }

    private static void writeLine(ByteArrayOutputStream out, String key, byte[] value) {
        out.writeBytes(key.getBytes(StandardCharsets.UTF_8));
        out.write('=');
        for (byte b : value) {
            if (b == '\n') {
                out.write('\\');
                out.write('n');
            } else {
                out.write(b);
            }
        }
        out.write('\n');
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> flat) {
        if (node.isObject()) {
            node.properties().forEach(field -> flatten(
                    prefix.isEmpty() ? field.getKey() : prefix + MAP + field.getKey(), field.getValue(), flat));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + LIST + i, node.get(i), flat);
            }
        } else if (!node.isNull()) {
            flat.put(prefix, node.isTextual() ? node.textValue() : node.asText());
        }
    }

    private static ObjectNode unflatten(String path, Map<String, String> flat) {
        Map<String, Object> root = new TreeMap<>();
        for (Map.Entry<String, String> entry : flat.entrySet()) {
            String[] parts = entry.getKey().split("__");
            Object container = root;
            for (int i = 0; i < parts.length; i++) {
                Object key = i == 0 ? parts[0] : segment(path, entry.getKey(), parts[i]);
                boolean last = i == parts.length - 1;
                Object child = last ? entry.getValue() : (segment(path, entry.getKey(), parts[i + 1]) instanceof Integer
                        ? new TreeMap<Integer, Object>() : new TreeMap<String, Object>());
                container = put(path, container, key, child, last);
            }
        }
        return (ObjectNode) toNode(root);
    }

    private static Object segment(String path, String key, String part) {
        if (part.startsWith("map_")) {
            return part.substring(4);
        }
        if (part.startsWith("list_")) {
            try {
                return Integer.valueOf(part.substring(5));
            } catch (NumberFormatException e) {
                // fall through to the error
            }
        }
        throw BargeException.badInput(path + ": metadata key sops_" + key + " is not a flattened sops key: fix the file");
    }

    @SuppressWarnings("unchecked")
    private static Object put(String path, Object container, Object key, Object child, boolean last) {
        Map<Object, Object> map = (Map<Object, Object>) container;
        if (!map.isEmpty() && map.keySet().iterator().next().getClass() != key.getClass()) {
            throw BargeException.badInput(path + ": metadata mixes list items and keys under one sops_* group: fix the file");
        }
        if (last) {
            map.put(key, child);
            return child;
        }
        Object existing = map.computeIfAbsent(key, k -> child);
        if (!(existing instanceof Map)) {
            throw BargeException.badInput(path + ": metadata key sops_" + key + " is both a value and a group: fix the file");
        }
        return existing;
    }

    private static JsonNode toNode(Object value) {
        if (value instanceof String) {
            return TextNode.valueOf((String) value);
        }
        Map<?, ?> map = (Map<?, ?>) value;
        boolean list = !map.isEmpty() && map.keySet().iterator().next() instanceof Integer;
        if (list) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            map.values().forEach(item -> array.add(toNode(item)));
            return array;
        }
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        map.forEach((k, v) -> object.set((String) k, toNode(v)));
        return object;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return bytes.length;
    }

    private static byte[] unescapeNewlines(byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length);
        for (int i = 0; i < value.length; i++) {
            if (value[i] == '\\' && i + 1 < value.length && value[i + 1] == 'n') {
                out.write('\n');
                i++;
            } else {
                out.write(value[i]);
            }
        }
        return out.toByteArray();
    }
}
