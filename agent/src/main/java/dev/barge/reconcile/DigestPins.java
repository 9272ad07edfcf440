package dev.barge.reconcile;

import dev.barge.plan.Action;
import dev.barge.plan.Change;
import dev.barge.plan.ContainerChange;
import dev.barge.plan.Plan;
import java.util.List;
import java.util.Map;

/**
 * Makes a plan run the image digests recorded for a commit, so that a rollback restores the very
 * images that ran then, even when a tag has moved since.
 */
final class DigestPins {
    private DigestPins() {
    }

    /** @param digests "stack/service" → repo digest ({@code name@sha256:...}) or image id ({@code sha256:...}) */
    static Plan pin(Plan plan, Map<String, String> digests) {
        List<Change> changes = plan.changes().stream().map(change -> {
            if (change instanceof ContainerChange c && (c.action() == Action.CREATE || c.action() == Action.REPLACE)) {
                String digest = digests.get(c.address().stack() + "/" + c.address().name());
                return digest == null ? c : (Change) c.withImage(digest);
            }
            return change;
        }).toList();
        return plan.withChanges(changes);
    }
}
