package dev.barge.config.compose;

import dev.barge.config.model.ServiceSpec.Dependency;
import dev.barge.config.model.ServiceSpec.Dependency.Condition;
import dev.barge.config.model.ServiceSpec.NetworkAttachment;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service's {@code networks} (list, or map with aliases and ipv4_address) and {@code network_mode};
 * {@code service:NAME} and {@code container:NAME} must name a service of the same file (by its container).
 */
final class NetworkKeys {
    static final String DEFAULT = "default";

    private NetworkKeys() {
    }

    static void register(Map<String, ServiceKey> keys) {
        keys.put("networks", NetworkKeys::networks);
        keys.put("network_mode", NetworkKeys::networkMode);
    }

    private static void networks(Node node, ServiceDraft draft, Scope scope) {
        if (node.absent()) {
            return;
        }
        draft.networksGiven = true;
        if (node.isObject()) {
            for (Map.Entry<String, Node> field : node.fields()) {
                Node value = field.getValue();
                NetworkAttachment attachment = new NetworkAttachment(List.of(), null);
                if (value.object()) {
                    value.onlyKeys(Set.of("aliases", "ipv4_address"));
                    attachment = new NetworkAttachment(value.child("aliases").list(), value.child("ipv4_address").text());
                }
                attach(value, field.getKey(), attachment, draft, scope);
            }
            return;
        }
        if (!node.isArray()) {
            node.expected("a list of network names or a mapping");
            return;
        }
        for (Node item : node.items()) {
            String name = item.text();
            if (name != null) {
                attach(item, name, new NetworkAttachment(List.of(), null), draft, scope);
            } else if (item.absent()) {
                item.expected("a network name");
            }
        }
    }

    private static void attach(Node node, String network, NetworkAttachment attachment, ServiceDraft draft, Scope scope) {
        if (!network.equals(DEFAULT) && !scope.networks().containsKey(network)) {
            node.report("network '" + network + "' is not declared; add it under top-level networks:");
            return;
        }
        draft.networks.put(network, attachment);
    }

    private static void networkMode(Node node, ServiceDraft draft, Scope scope) {
        String mode = node.text();
        if (mode == null) {
            return;
        }
        if (mode.startsWith("service:") || mode.startsWith("container:")) {
            String service = sharedWith(node, mode, draft, scope);
            if (service == null) {
                return;
            }
            // joins the namespace of the container barge runs for it: created after it, recreated with it
            draft.impliedDependencies.putIfAbsent(service, new Dependency(Condition.SERVICE_STARTED, true, true));
        } else if (!Set.of("host", "none", "bridge").contains(mode)) {
            node.expected("host, none, bridge, service:NAME or container:NAME");
            return;
        }
        draft.networkMode = mode;
    }

    /** The service whose network namespace {@code service:NAME} or {@code container:NAME} shares, or null after a problem. */
    private static String sharedWith(Node node, String mode, ServiceDraft draft, Scope scope) {
        boolean byService = mode.startsWith("service:");
        String name = mode.substring(mode.indexOf(':') + 1);
        String service = byService ? (scope.services().contains(name) ? name : null) : scope.containers().get(name);
        if (service == null) {
            node.report(byService ? "network_mode names service '" + name + "', which is not in this compose file"
                    : "network_mode names container '" + name + "', which barge does not run for this compose file:"
                    + " barge joins only containers it created; use service:SERVICE for a service of this file");
            return null;
        }
        if (service.equals(draft.name)) {
            node.report("a service cannot share its own network namespace; remove network_mode");
            return null;
        }
        return service;
    }
}
