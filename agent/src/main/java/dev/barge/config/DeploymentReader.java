package dev.barge.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.config.model.StackSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the deployments a document declares, in barge's format or Hikari's. Reading is lenient about
 * types: the schema check has already reported what is malformed, and reading on lets the semantic
 * checks (duplicates, missing files) report their problems in the same run.
 */
final class DeploymentReader {
    private DeploymentReader() {
    }

    /** Hikari's single-JSON format: a mapping with {@code deploy_configs}. */
    static boolean isHikari(JsonNode root) {
        return root.isObject() && root.has("deploy_configs");
    }

    static List<DeclaredDeployment> read(SourceDocument doc) {
        if (isHikari(doc.root())) {
            return HikariFormat.read(doc);
        }
        DeclaredDeployment deployment = readBarge(doc);
        return deployment == null ? List.of() : List.of(deployment);
    }

    private static DeclaredDeployment readBarge(SourceDocument doc) {
        JsonNode root = doc.root();
        if (!root.isObject()) {
            return null;
        }
        List<DeclaredStack> stacks = new ArrayList<>();
        JsonNode list = root.path("stacks");
        for (int i = 0; list.isArray() && i < list.size(); i++) {
            JsonNode stack = list.get(i);
            if (stack.isObject()) {
                stacks.add(readStack(doc, SourceDocument.child("/stacks", i), stack));
            }
        }
        return new DeclaredDeployment(text(root.get("deployment")), match(root.path("match")), strings(root.path("nodes")),
                stacks, doc, "");
    }

    private static DeclaredStack readStack(SourceDocument doc, String pointer, JsonNode stack) {
        Map<String, String> env = new LinkedHashMap<>();
        stack.path("env").properties().forEach(e -> env.put(e.getKey(), Scalars.text(e.getValue())));
        StackSpec.Drift drift = "detect".equals(stack.path("drift").asText()) ? StackSpec.Drift.DETECT : StackSpec.Drift.CORRECT;
        return new DeclaredStack(text(stack.get("name")), stack.path("compose"), env, strings(stack.path("env_files")),
                drift, duration(stack.get("health_timeout"), StackSpec.DEFAULT_HEALTH_TIMEOUT), doc, pointer, "compose",
                strings(stack.path("profiles")), duration(stack.get("health_settle"), null));
    }

    /** Each value as a list: a scalar is a list of one. */
    static Map<String, List<String>> match(JsonNode match) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        match.properties().forEach(e -> {
            JsonNode value = e.getValue();
            List<String> values = value.isArray() ? strings(value) : Scalars.isScalar(value) ? List.of(Scalars.text(value)) : List.of();
            if (!values.isEmpty()) {
                out.put(e.getKey(), values);
            }
        });
        return out;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (!array.isArray()) {
            return out;
        }
        array.forEach(item -> {
            if (Scalars.isScalar(item)) {
                out.add(Scalars.text(item));
            }
        });
        return out;
    }

    static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    /** A malformed duration has been reported by the schema check; the default stands in for it. */
    static Duration duration(JsonNode node, Duration fallback) {
        if (node == null) {
            return fallback;
        }
        if (node.canConvertToLong() && node.isIntegralNumber()) {
            return Duration.ofSeconds(node.asLong());
        }
        try {
            return DurationText.parse(node.asText());
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
