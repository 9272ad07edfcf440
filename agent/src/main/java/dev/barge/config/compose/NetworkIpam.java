package dev.barge.config.compose;

import dev.barge.config.model.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A network's {@code ipam:}: {@code driver} and {@code config} pools of subnet, gateway and ip_range. */
final class NetworkIpam {
    private NetworkIpam() {
    }

    /** The ipam, or null when it is absent or had a problem. */
    static NetworkSpec.Ipam read(Node node) {
        if (!node.object()) {
            return null;
        }
        node.onlyKeys(Set.of("driver", "config", "options"));
        if (node.has("options")) {
            node.child("options").report("IPAM driver options are not supported; remove options:");
        }
        String driver = node.child("driver").text();
        List<NetworkSpec.Pool> pools = new ArrayList<>();
        Node config = node.child("config");
        if (!config.absent() && !config.isArray()) {
            config.list();
            return null;
        }
        for (Node item : config.absent() ? List.<Node>of() : config.items()) {
            if (!item.object()) {
                item.expected("a mapping with subnet:");
                continue;
            }
            item.onlyKeys(Set.of("subnet", "gateway", "ip_range"));
            String subnet = cidr(item.child("subnet"));
            String ipRange = cidr(item.child("ip_range"));
            String gateway = item.child("gateway").text();
            if (gateway != null && !IpAddresses.isIp(gateway)) {
                item.child("gateway").expected("an IP address");
                continue;
            }
            if (subnet == null) {
                if (item.child("subnet").absent()) {
                    item.report("a pool needs subnet: such as 172.28.0.0/16");
                }
                continue;
            }
            pools.add(new NetworkSpec.Pool(subnet, gateway, ipRange));
        }
        return new NetworkSpec.Ipam(driver, pools);
    }

    private static String cidr(Node node) {
        String text = node.text();
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('/');
        boolean ok = slash > 0 && IpAddresses.isIp(text.substring(0, slash)) && text.substring(slash + 1).matches("\\d{1,3}")
                && Integer.parseInt(text.substring(slash + 1)) <= (text.contains(":") ? 128 : 32);
        return ok ? text : node.expected("a subnet in CIDR form such as 172.28.0.0/16");
    }
}
