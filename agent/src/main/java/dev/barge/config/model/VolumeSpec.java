package dev.barge.config.model;

import java.util.Map;

/** A compose named volume; {@code name} is the engine-side name ({@code <stack>_<key>} unless set or external). */
public record VolumeSpec(String key, String name, String driver, boolean external, Map<String, String> labels,
                         Map<String, String> driverOpts) {
    public VolumeSpec {
        labels = SortedMaps.copyOf(labels);
        driverOpts = SortedMaps.copyOf(driverOpts);
    }
}
