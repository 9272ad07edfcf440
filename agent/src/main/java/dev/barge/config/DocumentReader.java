package dev.barge.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML (several documents allowed) and JSON (with // and /* comments) into {@link SourceDocument}s
 * that remember the line of every node. YAML follows Compose's reading: {@code yes/no/on/off} stay
 * strings, duplicate keys are an error. A syntax error becomes a {@link Problem} with its line.
 */
public final class DocumentReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    // enabling one format feature on the builder drops the defaults, so EMPTY_STRING_AS_NULL is restated:
    // "key:" is null in Compose, not ""
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private DocumentReader() {
    }

    /** JSON when the file name ends in .json, YAML otherwise. */
    public static List<SourceDocument> read(String file, byte[] content, Problems problems) {
        return file.endsWith(".json") ? readJson(file, content, problems) : readYaml(file, content, problems);
    }

    public static List<SourceDocument> readYaml(String file, byte[] content, Problems problems) {
        return parse(YAML, file, content, problems);
    }

    public static List<SourceDocument> readJson(String file, byte[] content, Problems problems) {
        return parse(JSON, file, content, problems);
    }

    private static List<SourceDocument> parse(JsonFactory factory, String file, byte[] content, Problems problems) {
        List<SourceDocument> documents = new ArrayList<>();
        try (JsonParser parser = factory.createParser(content)) {
            while (parser.nextToken() != null) {
                Map<String, Integer> lines = new HashMap<>();
                JsonNode root = readValue(parser, "", lines);
                documents.add(new SourceDocument(file, root, lines));
            }
        } catch (StreamReadException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(file, Math.max(line, 0), "", "not valid " + (factory == JSON ? "JSON" : "YAML") + ": "
                    + Excerpt.parserMessage(problem(e)));
        } catch (IOException e) {
            problems.add(file, 0, "", "cannot be read: " + e.getMessage());
        }
        return documents;
    }

    /** SnakeYAML's context and problem without the lines of the file it appends to its message. */
    private static String problem(StreamReadException e) {
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml && yaml.getProblem() != null) {
            return yaml.getContext() == null ? yaml.getProblem() : yaml.getContext() + ": " + yaml.getProblem();
        }
        return e.getOriginalMessage();
    }

    private static JsonNode readValue(JsonParser parser, String pointer, Map<String, Integer> lines) throws IOException {
        // a key's own line wins over its value's (a block mapping's value starts on the next line)
        lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    String child = SourceDocument.child(pointer, key);
                    lines.put(child, parser.currentTokenLocation().getLineNr());
                    parser.nextToken();
                    JsonNode value = readValue(parser, child, lines);
                    object.set(key, value);
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser, SourceDocument.child(pointer, index++), lines));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return NODES.numberNode(parser.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonParseException(parser, "unexpected " + token);
        }
    }
}
