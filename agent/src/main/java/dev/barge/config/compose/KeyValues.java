package dev.barge.config.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compose's "list or dict" values ({@code environment}, {@code labels}, {@code sysctls},
 * {@code driver_opts}...): either a mapping, or a list of {@code KEY=VALUE} (or {@code KEY} alone) strings.
 */
final class KeyValues {

    /** One pair; {@code value} is null when given without one ({@code - KEY} or {@code KEY:}). */
    record Entry(String key, String value, boolean sensitive, Node node) {
    }

    private KeyValues() {
    }

    static List<Entry> read(Node node) {
        List<Entry> entries = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, Node> field : node.fields()) {
                Node value = field.getValue();
                String text = value.absent() ? null : value.text();
                if (text != null || value.absent()) {
                    entries.add(new Entry(field.getKey(), text, value.sensitive(), value));
                }
            }
        } else if (node.isArray()) {
            for (Node item : node.items()) {
                String text = item.text();
                if (text == null) {
                    if (item.absent()) {
                        item.expected("KEY=VALUE");
                    }
                    continue;
                }
                int eq = text.indexOf('=');
                String key = eq < 0 ? text : text.substring(0, eq);
                if (key.isBlank()) {
                    item.expected("KEY=VALUE");
                    continue;
                }
                entries.add(new Entry(key, eq < 0 ? null : text.substring(eq + 1), item.sensitive(), item));
            }
        } else if (!node.absent()) {
            node.expected("a mapping or a list of KEY=VALUE");
        }
        return entries;
    }

    /** The pairs as strings, a missing value read as "" (labels, options). */
    static Map<String, String> strings(Node node) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Entry entry : read(node)) {
            map.put(entry.key(), entry.value() == null ? "" : entry.value());
        }
        return map;
    }

    /** Like {@link #strings} and marks {@code <attribute>.<KEY>} sensitive where a secret reached the value. */
    static Map<String, String> strings(Node node, String attribute, ServiceDraft draft) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Entry entry : read(node)) {
            map.put(entry.key(), entry.value() == null ? "" : entry.value());
            if (entry.sensitive()) {
                draft.sensitive.add(attribute + "." + entry.key());
            } else {
                draft.sensitive.remove(attribute + "." + entry.key());
            }
        }
        return map;
    }
}
