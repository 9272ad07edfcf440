package dev.barge.config.model;

import java.util.Map;

/**
 * A parsed compose file. Maps are sorted by key. Top-level {@code configs:} and {@code secrets:} are
 * resolved into each service's {@link FileMount}s, so they do not appear here.
 */
public record ComposeProject(Map<String, ServiceSpec> services, Map<String, NetworkSpec> networks,
                             Map<String, VolumeSpec> volumes) {
    public ComposeProject {
        services = SortedMaps.copyOf(services);
        networks = SortedMaps.copyOf(networks);
        volumes = SortedMaps.copyOf(volumes);
    }
}
