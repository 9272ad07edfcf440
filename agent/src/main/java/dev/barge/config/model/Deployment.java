package dev.barge.config.model;

import java.util.List;
import java.util.Map;

/**
 * One deployment: which nodes it is for ({@code match}: every key must match a node label, a list
 * means any of; {@code nodes}: when not empty, only these node names) and the stacks it runs.
 */
public record Deployment(String name, Map<String, List<String>> match, List<String> nodes, List<StackSpec> stacks,
                         Origin origin) {
    public Deployment {
        match = Map.copyOf(match);
        nodes = List.copyOf(nodes);
        stacks = List.copyOf(stacks);
    }
}
