package dev.barge.reconcile;

import dev.barge.select.NodeIdentity;
import java.nio.file.Path;

/**
 * What to plan: a local directory as it is ({@code repo} set, {@code commit} null), a commit of a local
 * repository ({@code repo} and {@code commit}), or the agent config's remote at its branch head or at
 * {@code commit}.
 */
public record PlanRequest(Path repo, String commit, NodeIdentity node, boolean allowEmpty) {
}
