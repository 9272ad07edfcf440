package dev.barge.plan;

import dev.barge.BargeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** Topological order, dependencies first, ties broken by name so the order is the same on every run. */
final class DependencyOrder {
    private DependencyOrder() {
    }

    /**
     * The nodes in dependency order; every dependency must be a node.
     *
     * @throws BargeException BAD_INPUT naming the cycle, e.g. "a -> b -> a"
     */
    static List<String> strict(String stack, Map<String, ? extends Set<String>> dependsOn) {
        return sort(dependsOn, remaining -> {
            throw BargeException.badInput("stack " + stack + ": depends_on forms a cycle " + cycle(remaining)
                    + "; remove one of these dependencies");
        });
    }

    /** The nodes in dependency order, ignoring unknown dependencies and breaking cycles by name (old labels). */
    static List<String> lenient(Map<String, ? extends Set<String>> dependsOn) {
        return sort(dependsOn, remaining -> remaining.firstKey());
    }

    private interface Stuck {
        String pick(SortedMap<String, Set<String>> remaining);
    }

    private static List<String> sort(Map<String, ? extends Set<String>> dependsOn, Stuck stuck) {
        // remaining: node -> its dependencies not yet emitted
        SortedMap<String, Set<String>> remaining = new TreeMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        dependsOn.forEach((node, deps) -> {
            Set<String> known = new TreeSet<>();
            for (String d : deps) {
                if (dependsOn.containsKey(d)) {
                    known.add(d);
                    dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(node);
                }
            }
            remaining.put(node, known);
        });
        TreeSet<String> ready = new TreeSet<>();
        remaining.forEach((node, deps) -> {
            if (deps.isEmpty()) {
                ready.add(node);
            }
        });
        List<String> order = new ArrayList<>(remaining.size());
        while (!remaining.isEmpty()) {
            String next = ready.isEmpty() ? stuck.pick(remaining) : ready.pollFirst();
            remaining.remove(next);
            order.add(next);
            for (String dependent : dependents.getOrDefault(next, List.of())) {
                Set<String> deps = remaining.get(dependent);
                if (deps != null && deps.remove(next) && deps.isEmpty()) {
                    ready.add(dependent);
                }
            }
        }
        return order;
    }

    /** Walks from the first stuck node along dependencies until a node repeats: that loop is a cycle. */
    private static String cycle(SortedMap<String, Set<String>> remaining) {
        LinkedHashSet<String> path = new LinkedHashSet<>();
        String node = remaining.firstKey();
        while (path.add(node)) {
            node = remaining.get(node).iterator().next(); // a TreeSet: its smallest, for a stable message
        }
        List<String> loop = new ArrayList<>();
        boolean in = false;
        for (String p : path) {
            in |= p.equals(node);
            if (in) {
                loop.add(p);
            }
        }
        loop.add(node);
        return String.join(" -> ", loop);
    }
}
