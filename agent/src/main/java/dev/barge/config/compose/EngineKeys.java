package dev.barge.config.compose;

import dev.barge.config.model.ServiceSpec.Dependency;
import dev.barge.config.model.ServiceSpec.Dependency.Condition;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code platform}, {@code runtime} and {@code links}. A link {@code SERVICE[:ALIAS]} makes the service reachable
 * under ALIAS from this container (a container-scoped alias on the stack network) and implies
 * {@code depends_on: SERVICE}, as in Compose.
 */
final class EngineKeys {
    // os[/arch[/variant]], as the engine's platform strings (linux/amd64, linux/arm/v7)
    private static final Pattern PLATFORM = Pattern.compile("[a-z0-9_]+(/[a-zA-Z0-9_.-]+){0,2}");
    private static final Pattern RUNTIME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final Pattern ALIAS = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private EngineKeys() {
    }

    static void register(Map<String, ServiceKey> keys) {
        keys.put("platform", (v, d, s) -> d.platform = CoreKeys.matching(v, PLATFORM,
                "a platform such as linux/amd64 or linux/arm64/v8"));
        keys.put("runtime", (v, d, s) -> d.runtime = CoreKeys.matching(v, RUNTIME,
                "the name of a runtime the engine knows, such as runc"));
        keys.put("links", EngineKeys::links);
    }

    private static void links(Node node, ServiceDraft draft, Scope scope) {
        if (!node.isArray()) {
            node.list();
            return;
        }
        for (Node item : node.items()) {
            String link = item.text();
            if (link == null) {
                if (item.absent()) {
                    item.expected("SERVICE or SERVICE:ALIAS");
                }
                continue;
            }
            String[] parts = link.split(":", -1);
            String service = parts[0];
            if (parts.length > 2 || parts.length == 2 && !ALIAS.matcher(parts[1]).matches()) {
                item.expected("SERVICE or SERVICE:ALIAS");
            } else if (!scope.services().contains(service)) {
                item.report("links to service '" + service + "', which is not in this compose file (links to other"
                        + " stacks' containers are external_links, which barge does not support)");
            } else if (service.equals(draft.name)) {
                item.report("a service cannot link to itself; remove this link");
            } else {
                draft.links.add(parts.length == 2 ? link : service + ":" + service);
                draft.impliedDependencies.putIfAbsent(service, new Dependency(Condition.SERVICE_STARTED, true, false));
            }
        }
    }
}
