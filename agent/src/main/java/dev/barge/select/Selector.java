package dev.barge.select;

import dev.barge.BargeException;
import dev.barge.config.model.Deployment;
import dev.barge.config.model.DesiredState;
import dev.barge.config.model.StackSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Narrows the desired state to one node. A deployment is for a node when every {@code match} key
 * equals one of the node's labels (a list means any of its values) and, when {@code nodes} is not
 * empty, the node's name is listed. Each decision carries a sentence saying why.
 */
public final class Selector {
    private Selector() {
    }

    /**
     * @throws BargeException BAD_INPUT when two selected deployments give this node stacks of the same name
     */
    public static NodeSlice select(DesiredState state, NodeIdentity node) {
        List<NodeSlice.Selected> selected = new ArrayList<>();
        List<NodeSlice.Rejected> rejected = new ArrayList<>();
        Map<String, Deployment> owners = new HashMap<>();
        for (Deployment deployment : state.deployments()) {
            List<String> misses = misses(deployment, node);
            if (!misses.isEmpty()) {
                rejected.add(new NodeSlice.Rejected(deployment.name(), String.join("; ", misses)));
                continue;
            }
            String why = why(deployment, node);
            for (StackSpec stack : deployment.stacks()) {
                Deployment other = owners.putIfAbsent(stack.name(), deployment);
                if (other != null) {
                    throw BargeException.badInput("stack " + stack.name() + " is given to node " + node.name()
                            + " by deployment " + other.name() + " (" + other.origin() + ") and by deployment "
                            + deployment.name() + " (" + deployment.origin() + "): rename one stack or narrow one"
                            + " deployment's match");
                }
                selected.add(new NodeSlice.Selected(stack, why));
            }
        }
        checkContainerNames(selected, node);
        return new NodeSlice(node, selected, rejected);
    }

    /** True when the deployment's match and nodes take in this node; only its name, match and nodes are read. */
    public static boolean isFor(Deployment deployment, NodeIdentity node) {
        return misses(deployment, node).isEmpty();
    }

    /** One engine has one container per name: two stacks of a node may not both claim one (container_name). */
    private static void checkContainerNames(List<NodeSlice.Selected> selected, NodeIdentity node) {
        Map<String, StackSpec> claimed = new HashMap<>();
        for (NodeSlice.Selected s : selected) {
            StackSpec stack = s.stack();
            if (stack.project() == null) {
                continue;
            }
            for (var service : stack.project().services().values()) {
                StackSpec other = claimed.putIfAbsent(service.containerName(stack.name()), stack);
                if (other != null && other != stack) {
                    throw BargeException.badInput("container name " + service.containerName(stack.name()) + " is used by stack "
                            + other.deployment() + "/" + other.name() + " (" + other.origin() + ") and by stack "
                            + stack.deployment() + "/" + stack.name() + " (" + stack.origin() + ") on node " + node.name()
                            + ": give one of them another container_name");
                }
            }
        }
    }

    /** Every reason the deployment is not for this node; empty when it is. */
    static List<String> misses(Deployment deployment, NodeIdentity node) {
        List<String> misses = new ArrayList<>();
        new TreeMap<>(deployment.match()).forEach((key, wanted) -> {
            String actual = node.labels().get(key);
            if (actual == null) {
                misses.add("label " + key + " is not set on this node");
            } else if (!wanted.contains(actual)) {
                misses.add(key + " is " + actual + ", wants " + wanted(wanted));
            }
        });
        if (!deployment.nodes().isEmpty() && !deployment.nodes().contains(node.name())) {
            misses.add("node " + node.name() + " is not in nodes " + deployment.nodes());
        }
        return misses;
    }

    /** "client=earth, environment=staging (one of staging, qa)", plus the node list when there is one. */
    static String why(Deployment deployment, NodeIdentity node) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(deployment.match()).forEach((key, wanted) -> parts.add(key + "=" + node.labels().get(key)
                + (wanted.size() > 1 ? " (" + wanted(wanted) + ")" : "")));
        if (!deployment.nodes().isEmpty()) {
            parts.add("node " + node.name() + " is in nodes " + deployment.nodes());
        }
        return parts.isEmpty() ? "matches every node (no match labels, no nodes list)" : String.join(", ", parts);
    }

    private static String wanted(List<String> values) {
        return values.size() == 1 ? values.get(0) : "one of " + String.join(", ", values);
    }
}
