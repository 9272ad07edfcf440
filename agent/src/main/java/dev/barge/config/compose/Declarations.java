package dev.barge.config.compose;

import dev.barge.config.model.NetworkSpec;
import dev.barge.config.model.VolumeSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Top-level {@code networks:} and {@code volumes:}. Engine-side names follow Compose: {@code <stack>_<key>},
 * unless {@code name:} is set or the object is external (then {@code name:} or the key itself).
 */
final class Declarations {
    private static final Set<String> NETWORK_KEYS = Set.of("driver", "external", "internal", "name", "labels", "driver_opts",
            "ipam");
    private static final Set<String> VOLUME_KEYS = Set.of("driver", "external", "name", "labels", "driver_opts");

    private Declarations() {
    }

    /** The common part of a network and a volume declaration. */
    private record Common(String name, String driver, boolean external, Map<String, String> labels,
                          Map<String, String> driverOpts) {
    }

    static Map<String, NetworkSpec> networks(Node node, String stack) {
        Map<String, NetworkSpec> networks = new LinkedHashMap<>();
        if (!node.object()) {
            return networks;
        }
        for (Map.Entry<String, Node> field : node.fields()) {
            String key = field.getKey();
            if (key.startsWith("x-")) {
                continue;
            }
            Node value = field.getValue().as("network " + key);
            Common common = common(value, key, stack, NETWORK_KEYS);
            boolean internal = Boolean.TRUE.equals(value.child("internal").bool());
            if (common.external() && internal) {
                value.report("an external network is created outside barge; remove internal:");
            }
            NetworkSpec.Ipam ipam = NetworkIpam.read(value.child("ipam"));
            if (common.external() && ipam != null) {
                value.child("ipam").report("an external network is created outside barge; remove ipam:");
            }
            networks.put(key, new NetworkSpec(key, common.name(), common.driver(), common.external(), internal,
                    common.labels(), common.driverOpts(), ipam));
        }
        return networks;
    }

    static Map<String, VolumeSpec> volumes(Node node, String stack) {
        Map<String, VolumeSpec> volumes = new LinkedHashMap<>();
        if (!node.object()) {
            return volumes;
        }
        for (Map.Entry<String, Node> field : node.fields()) {
            String key = field.getKey();
            if (key.startsWith("x-")) {
                continue;
            }
            Common common = common(field.getValue().as("volume " + key), key, stack, VOLUME_KEYS);
            volumes.put(key, new VolumeSpec(key, common.name(), common.driver(), common.external(), common.labels(),
                    common.driverOpts()));
        }
        return volumes;
    }

    /** The network Compose creates for services that name no network. */
    static NetworkSpec defaultNetwork(String stack) {
        return new NetworkSpec(NetworkKeys.DEFAULT, stack + "_" + NetworkKeys.DEFAULT, null, false, false, Map.of(), Map.of());
    }

    private static Common common(Node value, String key, String stack, Set<String> keys) {
        if (!value.object()) {
            return new Common(stack + "_" + key, null, false, Map.of(), Map.of());
        }
        value.onlyKeys(keys);
        String name = value.child("name").name();
        String driver = value.child("driver").text();
        Node externalNode = value.child("external");
        boolean external;
        if (externalNode.isObject()) {
            // the legacy form docker compose still reads: external: {name: x} is external: true, name: x
            externalNode.onlyKeys(Set.of("name"));
            String legacy = externalNode.child("name").name();
            if (name != null && legacy != null && !name.equals(legacy)) {
                externalNode.report("names " + legacy + " but name: says " + name + "; keep one of them");
            }
            name = name != null ? name : legacy;
            external = true;
        } else {
            external = Boolean.TRUE.equals(externalNode.bool());
        }
        Map<String, String> driverOpts = KeyValues.strings(value.child("driver_opts"));
        if (external && (driver != null || !driverOpts.isEmpty())) {
            value.report("an external object is created outside barge; remove driver and driver_opts");
        }
        String engineName = name != null ? name : external ? key : stack + "_" + key;
        return new Common(engineName, driver, external, KeyValues.strings(value.child("labels")), driverOpts);
    }
}
