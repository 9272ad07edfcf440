package dev.barge.select;

import java.util.Map;
import java.util.TreeMap;

/** Who this node is: its name and labels (client, environment, solution, ...). */
public record NodeIdentity(String name, Map<String, String> labels) {
    public NodeIdentity {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a node needs a name: set node.name in the agent config or pass --node");
        }
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }
}
