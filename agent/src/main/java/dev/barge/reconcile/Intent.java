package dev.barge.reconcile;

import dev.barge.select.NodeIdentity;
import java.util.Objects;

/** What a reconcile is for: follow the config (apply), go back to a recorded commit (rollback), or release a pin (resume). */
public sealed interface Intent {

    NodeIdentity node();

    /** Apply {@code request}; while a rollback pins the node, a request without a commit stays on the pin. */
    record Apply(PlanRequest request) implements Intent {
        public Apply {
            Objects.requireNonNull(request, "request");
        }

        @Override
        public NodeIdentity node() {
            return request.node();
        }
    }

    /**
     * Apply an earlier commit with the image digests recorded for it.
     *
     * @param commit a sha or unambiguous prefix of a commit in this node's history
     * @param pin    keep the node there until resume ({@code barge rollback}); the agent's automatic
     *               rollback does not pin, it remembers the failed commit instead
     * @param because for the agent's automatic rollback: the failed commit and why, recorded in history
     *                with outcome rolled-back; null for barge rollback
     */
    record Rollback(String commit, NodeIdentity node, boolean pin, String because) implements Intent {
        public Rollback {
            Objects.requireNonNull(commit, "commit");
            Objects.requireNonNull(node, "node");
        }

        public Rollback(String commit, NodeIdentity node, boolean pin) {
            this(commit, node, pin, null);
        }
    }

    /** Release a rollback's pin and apply the branch head. */
    record Resume(NodeIdentity node) implements Intent {
        public Resume {
            Objects.requireNonNull(node, "node");
        }
    }
}
