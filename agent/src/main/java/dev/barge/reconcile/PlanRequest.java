package dev.barge.reconcile;

import dev.barge.select.NodeIdentity;
import java.util.Objects;

/**
 * What to plan from the Reconciler's {@link ConfigSource}: its current config ({@code commit} null:
 * the branch head, or a directory as it is) or {@code commit}.
 *
 * @param allowEmpty allow a plan that deletes every barge container (nothing selects the node)
 */
public record PlanRequest(String commit, NodeIdentity node, boolean allowEmpty) {
    public PlanRequest {
        Objects.requireNonNull(node, "node");
    }
}
