package dev.barge.reconcile;

import dev.barge.apply.ApplyListener;

/** Follows a reconcile: the plan made under the lock, then apply's progress lines. */
@FunctionalInterface
public interface RunListener extends ApplyListener {

    /** The plan about to run, before approval is checked and before anything changes. */
    default void planned(Planned planned) {
    }
}
