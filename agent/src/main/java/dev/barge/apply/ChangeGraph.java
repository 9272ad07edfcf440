package dev.barge.apply;

import dev.barge.plan.Action;
import dev.barge.plan.Change;
import dev.barge.plan.ContainerChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which of a stack's changes (in plan order) must wait for which. A change to a service's container
 * waits for the changes to the services it depends on and for the change to the same address before
 * it; everything else (network and volume changes, deleting a container, which the plan orders
 * dependents first) is a barrier: it waits for all changes before it, and all changes after it wait
 * for it. So the plan's order holds wherever it matters, and independent services run side by side.
 */
final class ChangeGraph {

    private ChangeGraph() {
    }

    /** @return for each change, the indexes of the earlier changes it waits for */
    static List<Set<Integer>> of(List<Change> changes) {
        List<Set<Integer>> after = new ArrayList<>();
        Map<String, Integer> lastOfService = new HashMap<>();
        int barrier = -1;
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            Set<Integer> waits = new TreeSet<>();
            if (change instanceof ContainerChange c && c.service() != null && c.action() != Action.DELETE) {
                if (barrier >= 0) {
                    waits.add(barrier);
                }
                for (String dependency : c.service().dependsOn().keySet()) {
                    Integer j = lastOfService.get(dependency);
                    if (j != null) {
                        waits.add(j);
                    }
                }
                Integer same = lastOfService.put(c.address().name(), i);
                if (same != null) {
                    waits.add(same);
                }
            } else {
                for (int j = Math.max(barrier, 0); j < i; j++) {
                    waits.add(j);
                }
                barrier = i;
                if (change instanceof ContainerChange c) {
                    lastOfService.put(c.address().name(), i);
                }
            }
            after.add(waits);
        }
        return after;
    }
}
