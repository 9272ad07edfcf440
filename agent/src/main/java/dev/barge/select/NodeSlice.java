package dev.barge.select;

import dev.barge.config.model.StackSpec;
import java.util.List;

/** The stacks this node runs, each with why it was chosen, and every deployment it does not run with why not. */
public record NodeSlice(NodeIdentity node, List<Selected> stacks, List<Rejected> rejected) {
    public NodeSlice {
        stacks = List.copyOf(stacks);
        rejected = List.copyOf(rejected);
    }

    public boolean isEmpty() {
        return stacks.isEmpty();
    }

    /** A stack chosen for this node; {@code why} is e.g. "client=earth, environment=staging (one of staging, qa)". */
    public record Selected(StackSpec stack, String why) {
    }

    /** A deployment not chosen; {@code why} is e.g. "environment is production, wants staging or qa". */
    public record Rejected(String deployment, String why) {
    }
}
