package dev.barge.apply;

import dev.barge.plan.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan's changes split by the stack that owns them, keeping plan order within each stack (networks
 * and volumes first, containers dependencies first, deletes dependents first, then network deletes)
 * and ordering stacks by their first change, which is the plan's stack order.
 */
final class StackGroups {

    /** What changes to networks or volumes barge owns without knowing the stack are grouped under. */
    static final String UNOWNED = "(no stack)";

    private StackGroups() {
    }

    static Map<String, List<Change>> of(List<Change> changes) {
        Map<String, List<Change>> groups = new LinkedHashMap<>();
        for (Change c : changes) {
            String stack = c.address().stack().isEmpty() ? UNOWNED : c.address().stack();
            groups.computeIfAbsent(stack, s -> new ArrayList<>()).add(c);
        }
        return groups;
    }
}
