package dev.barge.reconcile;

import dev.barge.docker.Ownership;
import dev.barge.plan.HashKey;
import dev.barge.record.NodeState;
import java.util.Set;
import java.util.TreeSet;

/**
 * This state dir's claim on the engine: the owner proof from its key, and what its record names, so
 * that containers, networks and volumes an earlier barge made for it (without the proof) are adopted.
 */
final class RecordedOwnership {

    private RecordedOwnership() {
    }

    /**
     * {@code state} is the record the plan is made against (read once per plan); {@code hashKey} is the one
     * the planner labels with, so what this apply creates is what it owns next time.
     */
    static Ownership of(NodeState state, HashKey hashKey) {
        Set<String> stacks = new TreeSet<>();
        // digests are keyed "stack/service"
        state.digests().keySet().forEach(key -> {
            int slash = key.indexOf('/');
            if (slash > 0) {
                stacks.add(key.substring(0, slash));
            }
        });
        return new Ownership(hashKey.owner(), state.specHashes().keySet(), stacks);
    }
}
