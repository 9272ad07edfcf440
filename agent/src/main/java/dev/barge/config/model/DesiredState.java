package dev.barge.config.model;

import java.util.List;

/** Everything the config repository asks for, validated; not yet narrowed to one node. */
public record DesiredState(BargeSettings settings, List<Deployment> deployments) {
    public DesiredState {
        deployments = List.copyOf(deployments);
    }
}
