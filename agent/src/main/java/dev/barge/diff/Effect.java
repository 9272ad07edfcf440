package dev.barge.diff;

import java.util.List;

/** What a commit changes on one node: stacks it gains and loses, and the planner's changes. Nodes with equal effects are grouped. */
public record Effect(List<String> stacksAdded, List<String> stacksRemoved, List<Step> steps) {
    public static final Effect NONE = new Effect(List.of(), List.of(), List.of());

    public Effect {
        stacksAdded = List.copyOf(stacksAdded);
        stacksRemoved = List.copyOf(stacksRemoved);
        steps = List.copyOf(steps);
    }

    public boolean isEmpty() {
        return stacksAdded.isEmpty() && stacksRemoved.isEmpty() && steps.isEmpty();
    }
}
