package dev.barge.config.compose;

import dev.barge.config.model.ServiceSpec.NetworkAttachment;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A service's {@code networks} (list, or map with aliases and ipv4_address) and {@code network_mode}. */
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
        if (mode.startsWith("service:")) {
            String service = mode.substring("service:".length());
            if (!scope.services().contains(service)) {
                node.report("network_mode names service '" + service + "', which is not in this compose file");
                return;
            }
        } else if (!Set.of("host", "none", "bridge").contains(mode) && !mode.matches("container:.+")) {
            node.expected("host, none, bridge, service:NAME or container:NAME");
            return;
        }
        draft.networkMode = mode;
    }
}
