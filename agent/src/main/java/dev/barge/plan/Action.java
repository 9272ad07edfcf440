package dev.barge.plan;

/** What apply does with one object. The set is closed: apply handles exactly these. */
public enum Action {
    CREATE,
    /** Create the new container, health-gate it, then remove the old one. */
    REPLACE,
    DELETE,
    /** Start an existing container that stopped (its spec still matches). */
    START,
    /** Nothing to do; the reason says whether it is in sync or drift that is only reported. */
    NONE
}
