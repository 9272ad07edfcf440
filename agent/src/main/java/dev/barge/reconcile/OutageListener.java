package dev.barge.reconcile;

/**
 * Told what the agent sees of its git remote and engine, poll by poll, so notifications can tell a blip
 * from an outage (more than 3 polls) without the agent counting for them. Called on the agent's thread
 * (and the engine event stream's): implementations return at once.
 */
public interface OutageListener {
    OutageListener NONE = new OutageListener() {
    };

    /** A wakeup began (a poll, a webhook, a drift event). */
    default void polled() {
    }

    /**
     * {@code what} ({@code git remote}, {@code engine}, {@code state lock}) did not answer: called on every
     * attempt, not only the first; {@code message} says why, in one line.
     */
    default void unavailable(String what, String message) {
    }

    /** {@code what} answered again after it did not. */
    default void available(String what) {
    }
}
