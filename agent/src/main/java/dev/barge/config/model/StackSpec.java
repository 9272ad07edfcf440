package dev.barge.config.model;

import java.time.Duration;

/**
 * One stack (a compose project) of a deployment, with its compose file already interpolated and
 * parsed. {@code composeFile} is repo-relative, or null when the compose spec was inline.
 * {@code redaction} cleans any message about this stack of the secret values it was resolved with.
 * {@code warnings} are what Compose would accept with a warning (an unset variable), each as
 * {@code file:line: message}, for validate, render, plan and the agent's log to print.
 * {@code healthSettle}: how long a container without a healthcheck must run to pass its gate, or null
 * for the host's {@code apply.settle_time}.
 */
public record StackSpec(String name, String deployment, String composeFile, ComposeProject project, Drift drift,
                        Duration healthTimeout, Origin origin, Redaction redaction, java.util.List<String> warnings,
                        Duration healthSettle) {

    public StackSpec {
        redaction = redaction == null ? Redaction.NONE : redaction;
        warnings = warnings == null ? java.util.List.of() : java.util.List.copyOf(warnings);
    }

    /** A stack without warnings or its own {@code health_settle}. */
    public StackSpec(String name, String deployment, String composeFile, ComposeProject project, Drift drift,
                     Duration healthTimeout, Origin origin, Redaction redaction) {
        this(name, deployment, composeFile, project, drift, healthTimeout, origin, redaction, java.util.List.of(), null);
    }

    /** A stack resolved without secrets. */
    public StackSpec(String name, String deployment, String composeFile, ComposeProject project, Drift drift,
                     Duration healthTimeout, Origin origin) {
        this(name, deployment, composeFile, project, drift, healthTimeout, origin, Redaction.NONE);
    }

    /** The same stack with another project (images pinned to digests), every other setting kept. */
    public StackSpec withProject(ComposeProject other) {
        return new StackSpec(name, deployment, composeFile, other, drift, healthTimeout, origin, redaction, warnings, healthSettle);
    }

    public StackSpec withHealthTimeout(Duration timeout) {
        return new StackSpec(name, deployment, composeFile, project, drift, timeout, origin, redaction, warnings, healthSettle);
    }

    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(60);

    /** What to do when the running containers differ from the spec without a commit. */
    public enum Drift { CORRECT, DETECT }
}
