package dev.barge.plan;

import java.util.List;

/** One planned change to one engine object. */
public sealed interface Change permits ContainerChange, NetworkChange, VolumeChange {

    Address address();

    Action action();

    Reason reason();

    /** Attribute-level before/after; empty for networks, volumes, starts and deletes. */
    default List<AttributeDiff> diffs() {
        return List.of();
    }

    /** True when apply has something to do for this change. */
    default boolean acts() {
        return action() != Action.NONE;
    }
}
