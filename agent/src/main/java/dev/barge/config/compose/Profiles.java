package dev.barge.config.compose;

import dev.barge.config.model.ServiceSpec;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compose's {@code profiles:}: a service that lists profiles runs only when the stack (its deployment's
 * {@code profiles:}) activates one of them; a service without profiles always runs. A running service may
 * not depend on one that does not run (Compose refuses the project the same way).
 */
final class Profiles {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private Profiles() {
    }

    static void register(Map<String, ServiceKey> keys) {
        keys.put("profiles", (node, draft, scope) -> node.textList().stream().filter(p -> !NAME.matcher(p).matches())
                .findFirst().ifPresent(p -> node.expected("profile names made of letters, digits, '_', '.' and '-'")));
    }

    /** Removes from {@code services} those no active profile selects, after every service was checked. */
    static void select(Map<String, ServiceSpec> services, Map<String, Node> nodes, List<String> active) {
        List<String> off = nodes.entrySet().stream()
                .filter(e -> !runs(e.getValue(), active))
                .map(Map.Entry::getKey).toList();
        off.forEach(services::remove);
        services.forEach((name, service) -> service.dependsOn().keySet().stream().filter(off::contains).forEach(dependency ->
                nodes.get(name).child("depends_on").report("service " + name + " depends on " + dependency
                        + ", which no active profile runs: add one of its profiles to the stack's profiles:")));
    }

    private static boolean runs(Node service, List<String> active) {
        if (!service.isObject() || !service.has("profiles")) {
            return true;
        }
        List<String> profiles = service.child("profiles").textList();
        return profiles.isEmpty() || !Collections.disjoint(profiles, active);
    }
}
