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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML (several documents allowed) and JSON (with // and /* comments) into {@link SourceDocument}s
 * that remember the line of every node. YAML follows Compose's reading: {@code yes/no/on/off} stay
 * strings, duplicate keys are an error, {@code <<:} merge keys merge (see {@link MergeKeys}). A syntax error becomes a {@link Problem} with its line.
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
        boolean yaml = factory != JSON;
        String format = yaml ? "YAML" : "JSON";
        TextBounds.Flaw flaw = TextBounds.check(content, yaml);
        if (flaw != null) {
            problems.add(file, flaw.line(), "", flaw.message());
            return List.of();
        }
        List<SourceDocument> documents = new ArrayList<>();
        String text = yaml && contains(content, (byte) '&') ? new String(content, StandardCharsets.UTF_8) : null;
        Reading reading = null;
        try (JsonParser parser = factory.createParser(content)) {
            reading = new Reading(parser, new YamlAnchors(text));
            while (parser.nextToken() != null) {
                if (!yaml && !documents.isEmpty()) {
                    problems.add(file, parser.currentTokenLocation().getLineNr(), "",
                            "has a second top-level JSON value after the first: a JSON file holds one");
                    break;
                }
                Map<String, Integer> lines = new HashMap<>();
                JsonNode root = reading.value("", 0, lines);
                documents.add(new SourceDocument(file, root, lines));
            }
        } catch (YamlAnchors.Unreadable e) {
            problems.add(file, reading == null ? 0 : reading.line(), "", e.getMessage());
        } catch (StreamReadException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(file, Math.max(line, 0), "", "not valid " + format + ": " + plain(Excerpt.parserMessage(problem(e))));
        } catch (IOException | RuntimeException e) {
            // SnakeYAML reports a few problems with unchecked exceptions of its own; their text is not for users
            problems.add(file, reading == null ? 0 : reading.line(), "", "cannot be read as " + format + ": check its syntax");
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

    /** A parser's message for users: its first line, without the library's class or setting names. */
    static String plain(String message) {
        String first = message == null ? "" : message.lines().findFirst().orElse("").strip();
        if (first.isEmpty() || first.matches(".*(java\\.|Exception|Error|com\\.fasterxml|org\\.yaml|Constraints|`).*")) {
            return "check its syntax";
        }
        return first.length() > 200 ? first.substring(0, 200) + "..." : first;
    }

    private static boolean contains(byte[] content, byte b) {
        for (byte c : content) {
            if (c == b) {
                return true;
            }
        }
        return false;
    }

    /** One pass over a file's tokens: nodes with their lines, aliases resolved, depth and tags checked. */
    private static final class Reading {
        private final JsonParser parser;
        private final YamlAnchors anchors;
        private final YAMLParser yaml;

        Reading(JsonParser parser, YamlAnchors anchors) {
            this.parser = parser;
            this.anchors = anchors;
            this.yaml = parser instanceof YAMLParser y ? y : null;
        }

        int line() {
            return parser.currentTokenLocation().getLineNr();
        }

        JsonNode value(String pointer, int depth, Map<String, Integer> lines) throws IOException {
            // a key's own line wins over its value's (a block mapping's value starts on the next line)
            lines.putIfAbsent(pointer, line());
            if (depth > TextBounds.MAX_DEPTH) {
                throw new YamlAnchors.Unreadable("nests deeper than " + TextBounds.MAX_DEPTH
                        + " levels, the limit: flatten the document");
            }
            JsonToken token = parser.currentToken();
            if (yaml != null) {
                checkTag(token);
                if (yaml.isCurrentAlias()) {
                    return alias(pointer, depth, lines);
                }
            }
            String anchor = yaml == null ? null : token.isStructStart() ? yaml.getObjectId()
                    : anchors.scalarAnchor(parser.currentTokenLocation().getCharOffset());
            JsonNode node = switch (token) {
                case START_OBJECT -> object(pointer, depth, lines);
                case START_ARRAY -> array(pointer, depth, lines);
                case VALUE_STRING -> NODES.textNode(parser.getText());
                case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
                case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
                case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(token == JsonToken.VALUE_TRUE);
                case VALUE_NULL -> NODES.nullNode();
                case VALUE_EMBEDDED_OBJECT -> throw new YamlAnchors.Unreadable(
                        "binary values (!!binary) are not supported: write the value as a string");
                default -> throw new JsonParseException(parser, "unexpected " + token.asString());
            };
            anchors.remember(anchor, node, pointer, lines);
            return node;
        }

        private ObjectNode object(String pointer, int depth, Map<String, Integer> lines) throws IOException {
            ObjectNode object = NODES.objectNode();
            List<MergeKeys.Source> merged = null;
            int mergeAt = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                String child = SourceDocument.child(pointer, key);
                lines.put(child, line());
                parser.nextToken();
                JsonNode value = value(child, depth + 1, lines);
                if (yaml != null && MergeKeys.KEY.equals(key)) {
                    merged = MergeKeys.sources(value, child);
                    mergeAt = object.size();
                } else {
                    object.set(key, value);
                }
            }
            return merged == null ? object : MergeKeys.apply(object, mergeAt, merged, pointer, lines);
        }

        private ArrayNode array(String pointer, int depth, Map<String, Integer> lines) throws IOException {
            ArrayNode array = NODES.arrayNode();
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(value(SourceDocument.child(pointer, index++), depth + 1, lines));
            }
            return array;
        }

        /** A copy of the anchored value; its nodes keep the lines of the anchor's, the alias itself its own. */
        private JsonNode alias(String pointer, int depth, Map<String, Integer> lines) throws IOException {
            String name = parser.getText();
            YamlAnchors.Copy target = anchors.resolve(name, depth);
            if (target == null) {
                throw new YamlAnchors.Unreadable("alias *" + name + " names no anchor (&" + name
                        + ") written before it: define the anchor first");
            }
            MergeKeys.copyLines(target.lines(), target.pointer(), lines, pointer, target.value(), false);
            return target.value();
        }

        /** Tags of YAML's core schema are read as their types; any other (!!python/object, !reset) is refused. */
        private void checkTag(JsonToken token) throws IOException {
            String tag = yaml.getTypeId();
            if (tag == null || token == JsonToken.FIELD_NAME || CORE_TAGS.contains(tag)) {
                return;
            }
            String shown = tag.startsWith(CORE_PREFIX) ? "!!" + tag.substring(CORE_PREFIX.length()) : "!" + tag;
            if (tag.equals("reset") || tag.equals("override") || tag.equals("!reset") || tag.equals("!override")) {
                throw new YamlAnchors.Unreadable("Compose's " + plain(shown) + " tag is not supported: write the"
                        + " value the service should have in full, without the tag");
            }
            throw new YamlAnchors.Unreadable("the YAML tag " + plain(shown)
                    + " is not supported: remove it");
        }
    }

    private static final String CORE_PREFIX = "tag:yaml.org,2002:";
    private static final java.util.Set<String> CORE_TAGS = java.util.Set.of("str", "int", "float", "bool", "null", "map", "seq")
            .stream().map(t -> CORE_PREFIX + t).collect(java.util.stream.Collectors.toUnmodifiableSet());
}
