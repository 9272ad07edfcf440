package dev.barge.diff;

import dev.barge.plan.Action;
import dev.barge.plan.Address;
import dev.barge.plan.AttributeDiff;
import dev.barge.plan.Reason;
import java.util.List;

/**
 * One change the head commit makes on a node in sync with the base: a planner change without what only
 * apply needs (container ids, labels), so that equal changes on two nodes are equal values.
 */
public record Step(Address address, Action action, Reason reason, List<AttributeDiff> diffs) {
    public Step {
        diffs = List.copyOf(diffs);
    }
}
