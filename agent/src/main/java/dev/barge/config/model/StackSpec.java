package dev.barge.config.model;

import java.time.Duration;

/**
 * One stack (a compose project) of a deployment, with its compose file already interpolated and
 * parsed. {@code composeFile} is repo-relative, or null when the compose spec was inline.
 */
public record StackSpec(String name, String deployment, String composeFile, ComposeProject project, Drift drift,
                        Duration healthTimeout, Origin origin) {

    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(60);

    /** What to do when the running containers differ from the spec without a commit. */
    public enum Drift { CORRECT, DETECT }
}
