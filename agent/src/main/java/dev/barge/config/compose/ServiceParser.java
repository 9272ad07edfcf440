package dev.barge.config.compose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.NetworkAttachment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One compose service: refuses keys outside barge's subset by name, reads the others through the key
 * table, applies Compose's defaults, and marks the attribute paths a secret reached.
 */
final class ServiceParser {
    /** The supported keys, read in this order (env_file before environment, deploy after the limits). */
    private static final Map<String, ServiceKey> KEYS = table();

    private static final Map<String, String> HINTS = Map.of(
            "build", "barge does not build images; push an image to a registry and use image:",
            "scale", "barge runs one container per service; declare another service for a second one",
            "external_links", "join the other stack's network (declared external) instead",
            "volumes_from", "share a named volume between the services instead");

    /** Their readers mark entries of these keys precisely ({@code environment.KEY}); the generic walk skips them. */
    private static final Set<String> MARKED_BY_READER = Set.of("environment", "env_file", "labels", "sysctls");

    private ServiceParser() {
    }

    private static Map<String, ServiceKey> table() {
        Map<String, ServiceKey> keys = new LinkedHashMap<>();
        CoreKeys.register(keys);
        Environment.register(keys);
        PortSyntax.register(keys);
        VolumeSyntax.register(keys);
        NetworkKeys.register(keys);
        HealthcheckSyntax.register(keys);
        DependsOn.register(keys);
        SecurityKeys.register(keys);
        ResourceKeys.register(keys);
        FileMounts.register(keys);
        Profiles.register(keys);
        EngineKeys.register(keys);
        return Collections.unmodifiableMap(keys);
    }

    /** The supported service keys, sorted, for messages and documentation. */
    static Set<String> supportedKeys() {
        return new TreeSet<>(KEYS.keySet());
    }

    /** The service, or null when it is not a mapping; problems go to the node's document. */
    static ServiceSpec parse(String name, Node service, Scope scope) {
        if (!service.isObject()) {
            if (service.absent()) {
                service.report("is empty; a service needs at least image:");
            } else {
                service.expected("a mapping");
            }
            return null;
        }
        refuseUnknownKeys(service);
        ServiceDraft draft = new ServiceDraft(name);
        KEYS.forEach((key, reader) -> {
            if (service.has(key)) {
                reader.read(service.child(key), draft, scope);
            }
        });
        // a failed interpolation leaves image null after its own problem; only a really missing image is reported here
        JsonNode written = service.input().doc().root().at(service.child("image").pointer());
        if (draft.image == null && (written.isMissingNode() || written.isNull())) {
            service.report("has no image: barge does not build images; set image: to an image in a registry");
        }
        if (draft.networksGiven && draft.networkMode != null) {
            service.child("network_mode").report("network_mode and networks cannot be combined; keep one of them");
        }
        draft.impliedDependencies.forEach(draft.dependsOn::putIfAbsent);
        DeployKeys.checkReplicas(service, draft);
        if (!draft.networksGiven && draft.networkMode == null) {
            draft.networks.put(NetworkKeys.DEFAULT, new NetworkAttachment(List.of(), null));
        }
        markSensitive(service, draft);
        return draft.build();
    }

    private static void refuseUnknownKeys(Node service) {
        for (Map.Entry<String, Node> field : service.fields()) {
            String key = field.getKey();
            if (KEYS.containsKey(key) || key.startsWith("x-")) {
                continue;
            }
            if (key.equals("build") && service.has("image")) {
                // Compose pulls image: when it can and builds only when it cannot; a node has nothing to build
                // from, so the image is the service (built and pushed by CI, as the warning says)
                field.getValue().input().problems().warn(field.getValue().input().doc(), field.getValue().pointer(),
                        "'build' in " + service.where() + " is ignored: barge does not build images and runs image: "
                                + service.child("image").shown() + "; build and push it before you commit");
                continue;
            }
            String hint = HINTS.get(key);
            field.getValue().input().problems().add(field.getValue().input().doc(), field.getValue().pointer(),
                    "unknown key '" + key + "' in " + service.where() + ": "
                            + (hint != null ? hint : "barge supports " + String.join(", ", supportedKeys())));
        }
    }

    /**
     * Every interpolated value a secret reached marks its attribute path: the compose keys down to it,
     * stopping at the first list ({@code command}, {@code healthcheck.test}, {@code logging.options.KEY}).
     */
    private static void markSensitive(Node service, ServiceDraft draft) {
        String base = service.pointer() + "/";
        for (String pointer : service.input().sensitivePointers().tailSet(base, true)) {
            if (!pointer.startsWith(base)) {
                break;
            }
            List<String> path = new ArrayList<>();
            JsonNode at = service.json();
            for (String segment : pointer.substring(base.length()).split("/", -1)) {
                if (at == null || at.isArray()) {
                    break;
                }
                String key = segment.replace("~1", "/").replace("~0", "~");
                path.add(key);
                at = at.get(key);
            }
            if (!path.isEmpty() && !MARKED_BY_READER.contains(path.get(0))) {
                draft.sensitive.add(String.join(".", path));
            }
        }
    }
}
