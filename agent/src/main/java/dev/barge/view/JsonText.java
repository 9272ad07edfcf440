package dev.barge.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The layout every versioned JSON output of barge shares with the plan's: two-space indent, {@code \n},
 * keys in the order they are put, maps sorted, so equal values give equal bytes on every JVM.
 */
final class JsonText {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
    private static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("").withArrayEmptySeparator(""))
            .withObjectIndenter(INDENT).withArrayIndenter(INDENT));

    private JsonText() {
    }

    static String write(ObjectNode root) {
        try {
            return WRITER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a view could not be written as JSON", e);
        }
    }

    /** ISO-8601 UTC with the precision the record holds, or null. */
    static String time(Instant time) {
        return time == null ? null : time.toString();
    }

    static ObjectNode sorted(Map<String, String> map) {
        ObjectNode o = NODES.objectNode();
        new TreeMap<>(map).forEach(o::put);
        return o;
    }
}
