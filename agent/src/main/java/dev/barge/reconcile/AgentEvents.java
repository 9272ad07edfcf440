package dev.barge.reconcile;

import dev.barge.Failure;

/**
 * What the agent sees that no {@link Outcome} carries: a failed fetch of the branch, and drift. The
 * metrics count them; the calls come from the agent's thread and the engine's event thread, and must
 * return at once.
 */
public interface AgentEvents {
    /** The drift is corrected (a reconcile was asked for). */
    String CORRECT = "correct";
    /** The drift is only reported: the service's restart budget is spent. */
    String REPORT = "report";

    AgentEvents NONE = new AgentEvents() {
    };

    /** Fetching the branch failed: {@code kind} is unavailable, untrusted, invalid or failed. */
    default void sourceError(String kind) {
    }

    /** A container of {@code stack} died, stopped, vanished or turned unhealthy; {@code mode} CORRECT or REPORT. */
    default void drift(String stack, String mode) {
    }

    /** The kind a fetch error is counted under. */
    static String fetchErrorKind(Failure failure) {
        return switch (failure) {
            case RETRY_LATER -> "unavailable";
            case REFUSED -> "untrusted";
            case BAD_INPUT -> "invalid";
            default -> "failed";
        };
    }
}
