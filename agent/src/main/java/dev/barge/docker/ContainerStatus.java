package dev.barge.docker;

import java.time.Instant;

/**
 * One container's state as the engine reports it. {@code health} is null without a healthcheck,
 * {@code exitCode} is null unless the container has exited, {@code startedAt} is null when it never
 * started. {@code error} is the engine's message when starting it failed, else null.
 */
public record ContainerStatus(String id, String name, String imageId, ActualState.Status status,
                              ActualState.Health health, int restartCount, Integer exitCode, Instant startedAt,
                              boolean oomKilled, String error) {

    public boolean running() {
        return status == ActualState.Status.RUNNING || status == ActualState.Status.RESTARTING;
    }
}
