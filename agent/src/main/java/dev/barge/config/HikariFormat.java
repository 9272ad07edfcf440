package dev.barge.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.config.model.StackSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hikari's single-JSON format, read as-is: each {@code deploy_configs} entry is a deployment named by
 * its key, matched on {@code client}, {@code environment} and {@code solution}, running
 * {@code deploy_stacks[].compose_spec} as inline compose specs. {@code filename} and
 * {@code home_directory} are accepted and ignored: barge keeps specs in memory.
 */
final class HikariFormat {
    private static final List<String> MATCH_KEYS = List.of("client", "environment", "solution");

    private HikariFormat() {
    }

    static List<DeclaredDeployment> read(SourceDocument doc) {
        List<DeclaredDeployment> out = new ArrayList<>();
        doc.root().path("deploy_configs").properties().forEach(entry -> {
            JsonNode config = entry.getValue();
            if (!config.isObject()) {
                return;
            }
            String pointer = SourceDocument.child("/deploy_configs", entry.getKey());
            Map<String, List<String>> match = new LinkedHashMap<>();
            for (String key : MATCH_KEYS) {
                if (Scalars.isScalar(config.get(key))) {
                    match.put(key, List.of(Scalars.text(config.get(key))));
                }
            }
            out.add(new DeclaredDeployment(entry.getKey(), match, List.of(), stacks(doc, pointer, config), doc, pointer));
        });
        return out;
    }

    private static List<DeclaredStack> stacks(SourceDocument doc, String pointer, JsonNode config) {
        List<DeclaredStack> stacks = new ArrayList<>();
        JsonNode list = config.path("deploy_stacks");
        for (int i = 0; list.isArray() && i < list.size(); i++) {
            JsonNode stack = list.get(i);
            if (stack.isObject()) {
                stacks.add(new DeclaredStack(DeploymentReader.text(stack.get("stack_name")), stack.path("compose_spec"),
                        Map.of(), List.of(), StackSpec.Drift.CORRECT, StackSpec.DEFAULT_HEALTH_TIMEOUT, doc,
                        SourceDocument.child(SourceDocument.child(pointer, "deploy_stacks"), i), "compose_spec", List.of(), null));
            }
        }
        return stacks;
    }
}
