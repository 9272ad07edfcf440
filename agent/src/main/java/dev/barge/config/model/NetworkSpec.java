package dev.barge.config.model;

import java.util.Map;

/**
 * A compose network. {@code name} is the engine-side name ({@code <stack>_<key>} unless the compose
 * file sets {@code name:} or the network is external).
 */
public record NetworkSpec(String key, String name, String driver, boolean external, boolean internal,
                          Map<String, String> labels, Map<String, String> driverOpts) {
    public NetworkSpec {
        labels = SortedMaps.copyOf(labels);
        driverOpts = SortedMaps.copyOf(driverOpts);
    }
}
