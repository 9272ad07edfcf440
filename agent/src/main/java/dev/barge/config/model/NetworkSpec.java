package dev.barge.config.model;

import java.util.Map;

/**
 * A compose network. {@code name} is the engine-side name ({@code <stack>_<key>} unless the compose
 * file sets {@code name:} or the network is external).
 */
public record NetworkSpec(String key, String name, String driver, boolean external, boolean internal,
                          Map<String, String> labels, Map<String, String> driverOpts, Ipam ipam) {
    public NetworkSpec {
        labels = SortedMaps.copyOf(labels);
        driverOpts = SortedMaps.copyOf(driverOpts);
    }

    public NetworkSpec(String key, String name, String driver, boolean external, boolean internal,
                       Map<String, String> labels, Map<String, String> driverOpts) {
        this(key, name, driver, external, internal, labels, driverOpts, null);
    }

    /** {@code ipam:}: the IPAM driver (null: the engine's) and the pools, each a subnet with an optional gateway. */
    public record Ipam(String driver, java.util.List<Pool> pools) {
        public Ipam {
            pools = java.util.List.copyOf(pools);
        }
    }

    public record Pool(String subnet, String gateway, String ipRange) {
    }
}
