package dev.barge.config.model;

import java.time.Duration;

/**
 * One stack (a compose project) of a deployment, with its compose file already interpolated and
 * parsed. {@code composeFile} is repo-relative, or null when the compose spec was inline.
 * {@code redaction} cleans any message about this stack of the secret values it was resolved with.
 * {@code healthSettle}: how long a container without a healthcheck must run to pass its gate, or null
 * for the host's {@code apply.settle_time}.
 */
public record StackSpec(String name, String deployment, String composeFile, ComposeProject project, Drift drift,
                        Duration healthTimeout, Origin origin, Redaction redaction, Duration healthSettle) {

    public StackSpec {
        redaction = redaction == null ? Redaction.NONE : redaction;
    }

    /** A stack without its own {@code health_settle}. */
    public StackSpec(String name, String deployment, String composeFile, ComposeProject project, Drift drift,
                     Duration healthTimeout, Origin origin, Redaction redaction) {
        this(name, deployment, composeFile, project, drift, healthTimeout, origin, redaction, null);
    }

    /** A stack resolved without secrets. */
    public StackSpec(String name, String deployment, String composeFile, ComposeProject project, Drift drift,
                     Duration healthTimeout, Origin origin) {
        this(name, deployment, composeFile, project, drift, healthTimeout, origin, Redaction.NONE);
    }

    /** The same stack with another project (images pinned to digests), every other setting kept. */
    public StackSpec withProject(ComposeProject other) {
        return new StackSpec(name, deployment, composeFile, other, drift, healthTimeout, origin, redaction, healthSettle);
    }

    public StackSpec withHealthTimeout(Duration timeout) {
        return new StackSpec(name, deployment, composeFile, project, drift, timeout, origin, redaction, healthSettle);
    }

    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(60);

    /** What to do when the running containers differ from the spec without a commit. */
    public enum Drift { CORRECT, DETECT }
}
