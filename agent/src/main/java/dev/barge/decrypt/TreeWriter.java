package dev.barge.decrypt;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes trees as YAML or JSON. YAML strings are always quoted (or literal blocks when multi-line), so
 * no reader, Go's or JavaScript's, can take a string such as "0o17" or "yes" for another type.
 */
final class TreeWriter {
    private static final ObjectWriter YAML_SINGLE = yamlWriter(false);
    private static final ObjectWriter YAML_MULTI = yamlWriter(true);
    private static final ObjectWriter JSON = new ObjectMapper().writer(new DefaultPrettyPrinter(
                    Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("\t", "\n"))
            .withArrayIndenter(new DefaultIndenter("\t", "\n")));

    private TreeWriter() {
    }

    static byte[] yaml(List<ObjectNode> documents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SequenceWriter writer = (documents.size() > 1 ? YAML_MULTI : YAML_SINGLE).writeValues(out)) {
            for (ObjectNode document : documents) {
                writer.write(document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One value (an extracted subtree) as a single YAML document. */
    static byte[] yamlValue(JsonNode value) {
        try {
            return YAML_SINGLE.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] json(JsonNode document) {
        try {
            return (JSON.writeValueAsString(document) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectWriter yamlWriter(boolean documentMarkers) {
        YAMLFactory factory = YAMLFactory.builder()
                .configure(YAMLGenerator.Feature.WRITE_DOC_START_MARKER, documentMarkers)
                .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build();
        return new ObjectMapper(factory).writer();
    }
}
