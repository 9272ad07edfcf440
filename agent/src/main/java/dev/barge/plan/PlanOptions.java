package dev.barge.plan;

/**
 * @param commit        the commit being planned, written into each new container's {@code dev.barge.commit}
 *                      label; null when the config did not come from git (apply from a file)
 * @param allowEmpty    plan the removal of every barge container when no stack selects this node
 *                      ({@code --allow-empty}); without it such a plan is refused
 * @param removeVolumes plan the removal of barge's named volumes that the config no longer declares;
 *                      without it they are kept and reported
 */
public record PlanOptions(String commit, boolean allowEmpty, boolean removeVolumes) {
    public PlanOptions {
        if (commit != null && commit.isBlank()) {
            throw new IllegalArgumentException("the commit to plan is blank: pass a commit sha or null");
        }
    }

    /** Named volumes no longer in the config are kept. */
    public PlanOptions(String commit, boolean allowEmpty) {
        this(commit, allowEmpty, false);
    }
}
