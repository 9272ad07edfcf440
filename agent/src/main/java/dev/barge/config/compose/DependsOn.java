package dev.barge.config.compose;

import dev.barge.config.model.ServiceSpec.Dependency;
import dev.barge.config.model.ServiceSpec.Dependency.Condition;
import java.util.Map;
import java.util.Set;

/** {@code depends_on}: a list of services (started), or a map with condition, required and restart. */
final class DependsOn {
    private DependsOn() {
    }

    static void register(Map<String, ServiceKey> keys) {
        keys.put("depends_on", DependsOn::read);
    }

    private static void read(Node node, ServiceDraft draft, Scope scope) {
        if (node.isArray()) {
            for (Node item : node.items()) {
                String service = item.text();
                if (service == null) {
                    if (item.absent()) {
                        item.expected("a service name");
                    }
                } else if (known(item, service, scope)) {
                    draft.dependsOn.put(service, new Dependency(Condition.SERVICE_STARTED, true, false));
                }
            }
        } else if (node.object()) {
            for (Map.Entry<String, Node> field : node.fields()) {
                Node value = field.getValue();
                Dependency dependency = new Dependency(Condition.SERVICE_STARTED, true, false);
                if (value.object()) {
                    value.onlyKeys(Set.of("condition", "required", "restart"));
                    Condition condition = condition(value.child("condition"));
                    Boolean required = value.child("required").bool();
                    Boolean restart = value.child("restart").bool();
                    dependency = new Dependency(condition, required == null || required, Boolean.TRUE.equals(restart));
                }
                if (known(value, field.getKey(), scope)) {
                    draft.dependsOn.put(field.getKey(), dependency);
                }
            }
        }
    }

    private static Condition condition(Node node) {
        String text = node.text();
        if (text == null) {
            return Condition.SERVICE_STARTED;
        }
        return switch (text) {
            case "service_started" -> Condition.SERVICE_STARTED;
            case "service_healthy" -> Condition.SERVICE_HEALTHY;
            case "service_completed_successfully" -> Condition.SERVICE_COMPLETED_SUCCESSFULLY;
            default -> {
                node.expected("service_started, service_healthy or service_completed_successfully");
                yield Condition.SERVICE_STARTED;
            }
        };
    }

    private static boolean known(Node node, String service, Scope scope) {
        if (scope.services().contains(service)) {
            return true;
        }
        node.report("depends on service '" + service + "', which is not in this compose file");
        return false;
    }
}
