package dev.barge.decrypt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.barge.BargeException;
import dev.barge.config.TextBounds;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML (every document) and JSON into ordered trees whose scalars are typed as sops's Go stores
 * type them. For YAML, Jackson only tokenizes: whether a scalar is plain or quoted, and its anchor, is
 * read from the source at the token's offset, then plain scalars are resolved with go-yaml v3's rules.
 */
final class TreeReader {
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final String path;
    private final String format;
    private final JsonParser parser;
    private final String yamlSource;
    private final Map<String, JsonNode> anchors = new HashMap<>();
    /** The last offset {@link #charIndex} translated, in code points and in chars. */
    private long lastCodePoint;
    private int lastChar;
    private int aliasNodes;

    private TreeReader(String path, String format, JsonParser parser, String yamlSource) {
        this.path = path;
        this.format = format;
        this.parser = parser;
        this.yamlSource = yamlSource;
    }

    /** Every non-empty document of a YAML stream; each must be a mapping. */
    static List<ObjectNode> readYaml(String path, byte[] bytes) {
        checkBounds(path, bytes, true);
        String text = utf8(path, bytes);
        try (JsonParser parser = YAML.createParser(new StringReader(text))) {
            TreeReader reader = new TreeReader(path, "YAML", parser, text);
            List<ObjectNode> documents = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonNode document = reader.value(token, 0);
                if (document.isNull()) {
                    continue;
                }
                documents.add(reader.mapping(document));
            }
            return documents;
        } catch (JsonProcessingException e) {
            throw invalid(path, "YAML", e.getLocation());
        } catch (IOException e) {
            throw invalid(path, "YAML", null);
        } catch (BargeException e) {
            throw e;
        } catch (RuntimeException e) {
            // SnakeYAML reports some problems (e.g. control characters) with unchecked exceptions of its own
            throw invalid(path, "YAML", null);
        }
    }

    /** The single top-level JSON object. */
    static ObjectNode readJson(String path, byte[] bytes) {
        checkBounds(path, bytes, false);
        try (JsonParser parser = JSON.createParser(bytes)) {
            TreeReader reader = new TreeReader(path, "JSON", parser, null);
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw BargeException.badInput(path + ": is empty, not a JSON object: fix the file");
            }
            ObjectNode root = reader.mapping(reader.value(token, 0));
            if (parser.nextToken() != null) {
                throw BargeException.badInput(path + ": has data after the top-level JSON object: fix the file");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw invalid(path, "JSON", e.getLocation());
        } catch (IOException e) {
            throw invalid(path, "JSON", null);
        } catch (BargeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw invalid(path, "JSON", null);
        }
    }

    private ObjectNode mapping(JsonNode node) {
        if (node instanceof ObjectNode) {
            return (ObjectNode) node;
        }
        throw BargeException.badInput(path + ": the top level of a " + format
                + " document must be a mapping, found " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + ": fix the file");
    }

    private JsonNode value(JsonToken token, int depth) throws IOException {
        if (depth > TextBounds.MAX_DEPTH) {
            throw BargeException.badInput(path + ": line " + parser.currentTokenLocation().getLineNr() + ": nests deeper than "
                    + TextBounds.MAX_DEPTH + " levels, the limit: flatten the document");
        }
        switch (token) {
            case START_OBJECT:
                return object(depth);
            case START_ARRAY:
                return array(depth);
            default:
                return yamlSource != null ? yamlScalar(token, depth) : jsonScalar(token);
        }
    }

    private JsonNode object(int depth) throws IOException {
        String anchor = anchor();
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int line = parser.currentTokenLocation().getLineNr();
            JsonNode child = value(parser.nextToken(), depth + 1);
            if (object.has(key)) {
                throw BargeException.badInput(path + ": line " + line + ": duplicate key '" + key
                        + "': remove one of them");
            }
            object.set(key, child);
        }
        remember(anchor, object);
        return object;
    }

    private JsonNode array(int depth) throws IOException {
        String anchor = anchor();
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            array.add(value(token, depth + 1));
        }
        remember(anchor, array);
        return array;
    }

    private JsonNode yamlScalar(JsonToken token, int depth) throws IOException {
        YAMLParser yaml = (YAMLParser) parser;
        JsonLocation location = parser.currentTokenLocation();
        if (yaml.isCurrentAlias()) {
            JsonNode target = anchors.get(parser.getText());
            if (target == null) {
                throw BargeException.badInput(path + ": line " + location.getLineNr() + ": alias *" + parser.getText()
                        + " names no anchor defined before it: fix the file");
            }
            return copyWithinBounds(target, depth, location.getLineNr());
        }
        if (token == JsonToken.VALUE_EMBEDDED_OBJECT) {
            throw BargeException.badInput(path + ": line " + location.getLineNr()
                    + ": !!binary values are not supported: store the value as a base64 string");
        }
        YamlScalarSource source = YamlScalarSource.at(yamlSource, charIndex(location.getCharOffset()));
        String text = parser.getText();
        JsonNode node;
        if (source.isStringTag() || !source.plain()) {
            node = TextNode.valueOf(text);
        } else {
            try {
                node = GoScalars.resolvePlainYaml(text);
            } catch (GoScalars.UnsupportedScalar e) {
                throw BargeException.badInput(path + ": line " + location.getLineNr() + ": " + e.getMessage()
                        + ": quote the value");
            }
        }
        remember(source.anchor(), node);
        return node;
    }

    private JsonNode jsonScalar(JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING:
                return TextNode.valueOf(parser.getText());
            case VALUE_NUMBER_INT:
                // encoding/json as sops >= 3.13.2 uses it: int64 when the literal fits, float64 otherwise
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? DoubleNode.valueOf(parser.getDoubleValue())
                        : LongNode.valueOf(parser.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return DoubleNode.valueOf(parser.getDoubleValue());
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.instance;
            default:
                throw BargeException.badInput(path + ": line " + parser.currentTokenLocation().getLineNr()
                        + ": unexpected JSON token: fix the file");
        }
    }

    /**
     * The Java {@code char} index of a code-point offset: SnakeYAML counts code points, so every character
     * outside the Basic Multilingual Plane (an emoji) before a scalar puts its offset one char short.
     * Offsets mostly grow, so the walk resumes from the last one instead of rescanning the source.
     */
    private int charIndex(long codePointOffset) {
        if (codePointOffset < lastCodePoint) {
            lastCodePoint = 0;
            lastChar = 0;
        }
        while (lastCodePoint < codePointOffset && lastChar < yamlSource.length()) {
            lastChar += Character.charCount(yamlSource.codePointAt(lastChar));
            lastCodePoint++;
        }
        return lastChar;
    }

    /** An alias's copy of its anchored value, refused when all aliases of the file add too many nodes or nest too deep. */
    private JsonNode copyWithinBounds(JsonNode target, int depth, int line) {
        aliasNodes += TextBounds.nodes(target);
        if (aliasNodes > TextBounds.MAX_ALIAS_NODES) {
            throw BargeException.badInput(path + ": line " + line + ": aliases expand to more than "
                    + TextBounds.MAX_ALIAS_NODES + " values, the limit for a file: repeat less through aliases");
        }
        if (depth + TextBounds.height(target) > TextBounds.MAX_DEPTH) {
            throw BargeException.badInput(path + ": line " + line + ": an alias nests deeper than "
                    + TextBounds.MAX_DEPTH + " levels, the limit: flatten the document");
        }
        return target.deepCopy();
    }

    private static void checkBounds(String path, byte[] bytes, boolean yaml) {
        TextBounds.Flaw flaw = TextBounds.check(bytes, yaml);
        if (flaw != null) {
            throw BargeException.badInput(path + (flaw.line() > 0 ? ": line " + flaw.line() : "") + ": " + flaw.message());
        }
    }

    /** The anchor of the collection that starts at the current token (Jackson exposes it as the object id). */
    private String anchor() throws IOException {
        return yamlSource != null ? ((YAMLParser) parser).getObjectId() : null;
    }

    private void remember(String anchor, JsonNode node) {
        if (anchor != null) {
            anchors.put(anchor, node);
        }
    }

    private static String utf8(String path, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw BargeException.badInput(path + ": is not UTF-8 text, so it cannot be YAML: fix the file or use the binary store");
        }
    }

    // the parser's own message can quote the offending text, which may be a secret: only the position is kept
    private static BargeException invalid(String path, String format, JsonLocation location) {
        String where = location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return BargeException.badInput(path + ": is not valid " + format + where + ": fix the file");
    }
}
