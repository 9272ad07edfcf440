package dev.barge.docker;

import java.time.Instant;

/**
 * Something the engine did to a barge-owned container that may be drift: it died, was stopped, was
 * removed, or its healthcheck turned unhealthy.
 *
 * @param action    die, stop, destroy or unhealthy
 * @param container the container's name (without the leading slash)
 * @param stack     its {@code dev.barge.stack} label
 * @param service   its {@code dev.barge.service} label
 * @param time      when the engine says it happened
 */
public record ContainerEvent(String action, String container, String stack, String service, Instant time) {
}
