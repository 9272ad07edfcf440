package dev.barge.config;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Validates a {@link SourceDocument} against one of the JSON Schemas in {@code schema/} (on the classpath)
 * and turns each error into a {@link Problem} with the instance's pointer and line. The schemas use
 * {@code errorMessage: {keyword: text}} where the library's default text would not help a person.
 */
final class SchemaCheck {
    static final SchemaCheck DEPLOYMENT = load("deployment.schema.json");
    static final SchemaCheck BARGE = load("barge.schema.json");
    static final SchemaCheck AGENT = load("agent.schema.json");
    static final SchemaCheck FLEET = load("fleet.schema.json");

    private final Schema schema;

    private SchemaCheck(Schema schema) {
        this.schema = schema;
    }

    private static SchemaCheck load(String name) {
        try (InputStream in = SchemaCheck.class.getResourceAsStream("/schema/" + name)) {
            if (in == null) {
                throw new IllegalStateException("schema/" + name + " is not on the classpath: the build packages it from schema/");
            }
            return new SchemaCheck(registry().getSchema(in, InputFormat.JSON));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema/" + name, e);
        }
    }

    // the schema constants above are loaded during class initialization, before a plain static field here would be set
    private static SchemaRegistry registry() {
        return Holder.REGISTRY;
    }

    private static final class Holder {
        static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .pathType(PathType.JSON_POINTER)
                        .errorMessageKeyword("errorMessage")
                        .build()));
    }

    /** Adds a problem per schema error; true when there was none. */
    boolean check(SourceDocument doc, Problems problems) {
        List<Error> errors = schema.validate(doc.root());
        for (Error error : errors) {
            String pointer = error.getInstanceLocation().toString();
            String key = error.getProperty();
            String message = switch (error.getKeyword()) {
                case "additionalProperties" -> "unknown key '" + key + "'";
                case "required" -> "missing required key '" + key + "'";
                case "propertyNames" -> "key '" + key + "' is not a valid name: " + error.getArguments()[1];
                default -> subject(pointer) + quoted(doc.root().at(pointer)) + error.getMessage();
            };
            if (key != null && !error.getKeyword().equals("required")) {
                pointer = SourceDocument.child(pointer, key);
            }
            problems.add(doc, pointer, message);
        }
        return errors.isEmpty();
    }

    /** A rejected string value, quoted (shortened) so that the message says which one: "name 'Web App': ...". */
    private static String quoted(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return "";
        }
        String text = value.textValue();
        return "'" + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "' ";
    }

    /** The key the error is about: the last pointer segment that is not an array index ("bind_roots" for /bind_roots/0). */
    private static String subject(String pointer) {
        String[] segments = pointer.split("/");
        for (int i = segments.length - 1; i > 0; i--) {
            if (!segments[i].chars().allMatch(Character::isDigit)) {
                return segments[i].replace("~1", "/").replace("~0", "~") + ": ";
            }
        }
        return "";
    }
}
