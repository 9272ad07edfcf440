package dev.barge.config.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet's inventory ({@code fleet.yaml} at the config root): named nodes, and groups of {@code count}
 * nodes without fixed names that all carry the same labels. Only {@code barge diff} and {@code validate} read it.
 */
public record Fleet(List<Node> nodes, List<Group> groups) {
    public static final String FILE = "fleet.yaml";
    public static final Fleet NONE = new Fleet(List.of(), List.of());

    public Fleet {
        nodes = List.copyOf(nodes);
        groups = List.copyOf(groups);
    }

    public boolean isEmpty() {
        return nodes.isEmpty() && groups.isEmpty();
    }

    /** Every node the inventory names, plus one per group member. */
    public int size() {
        return nodes.size() + groups.stream().mapToInt(Group::count).sum();
    }

    public boolean knows(String nodeName) {
        return nodes.stream().anyMatch(n -> n.name().equals(nodeName));
    }

    public record Node(String name, Map<String, String> labels, Origin origin) {
        public Node {
            labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        }
    }

    /** {@code count} interchangeable nodes with the labels {@code match}, e.g. an autoscaled group. */
    public record Group(String name, Map<String, String> match, int count, Origin origin) {
        public Group {
            match = java.util.Collections.unmodifiableMap(new TreeMap<>(match));
        }
    }
}
