package dev.barge.apply;

import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.docker.ActualState.Health;
import dev.barge.docker.ActualState.Status;
import dev.barge.docker.ContainerStatus;
import java.time.Duration;
import java.util.Objects;

/**
 * When a started container passes its health gate: the pure decision, given one look at its state.
 * A container with a healthcheck (its own or its image's: the engine reports a health state) must
 * become healthy; one without must run for the settle time without restarting. Either fails at once
 * when it exits or restarts, and when health_timeout passes.
 *
 * @param kind     what counts as success for this service
 * @param restarts the restart count before it was started: any restart after is a failure
 */
record GateRule(Kind kind, Duration settle, Duration timeout, int restarts) {

    enum Kind {
        /** A long-running service. */
        SERVICE,
        /** {@code restart: no} or {@code on-failure}: exiting with code 0 is success too (as the planner sees it). */
        ONE_SHOT,
        /** A job another service waits for with service_completed_successfully: it must exit 0. */
        JOB
    }

    sealed interface Verdict {
    }

    record Wait() implements Verdict {
    }

    /** {@code how}: "healthy", "completed", or (settled) "running without restart". */
    record Pass(String how, boolean settled) implements Verdict {
        /** {@code healthy in 2.1s}, {@code running without restart for 1.0s}. */
        String after(Duration elapsed) {
            return how + (settled ? " for " : " in ") + Durations.text(elapsed);
        }
    }

    /** {@code check}: which check failed, e.g. "healthcheck reported unhealthy", "exited with code 3". */
    record Fail(String check) implements Verdict {
    }

    GateRule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** The kind of gate for {@code service}: a job when a sibling waits for it to complete. */
    static Kind kindOf(StackSpec stack, ServiceSpec service) {
        boolean awaited = stack.project().services().values().stream()
                .map(s -> s.dependsOn().get(service.name()))
                .anyMatch(d -> d != null && d.condition() == ServiceSpec.Dependency.Condition.SERVICE_COMPLETED_SUCCESSFULLY);
        if (awaited) {
            return Kind.JOB;
        }
        String restart = service.restart();
        boolean oneShot = restart == null || restart.isBlank() || restart.equals("no") || restart.startsWith("on-failure");
        return oneShot ? Kind.ONE_SHOT : Kind.SERVICE;
    }

    Verdict judge(ContainerStatus s, Duration elapsed) {
        if (s.status() == Status.EXITED || s.status() == Status.DEAD) {
            return ended(s);
        }
        if (kind == Kind.JOB) {
            // a job may be restarted by on-failure; only its final exit counts
            return elapsed.compareTo(timeout) >= 0
                    ? new Fail("did not complete within the health timeout of " + Durations.text(timeout)) : new Wait();
        }
        if (s.restartCount() > restarts || s.status() == Status.RESTARTING) {
            int n = Math.max(1, s.restartCount() - restarts);
            return new Fail("restarted " + n + (n == 1 ? " time" : " times") + " after it was started");
        }
        if (s.health() != null) {
            if (s.health() == Health.HEALTHY) {
                return new Pass("healthy", false);
            }
            if (s.health() == Health.UNHEALTHY) {
                return new Fail("healthcheck reported unhealthy");
            }
            return elapsed.compareTo(timeout) >= 0
                    ? new Fail("healthcheck did not pass within the health timeout of " + Durations.text(timeout))
                    : new Wait();
        }
        if (s.status() == Status.RUNNING && elapsed.compareTo(settle) >= 0) {
            return new Pass("running without restart", true);
        }
        if (elapsed.compareTo(timeout) >= 0) {
            return new Fail("still " + s.status().name().toLowerCase(java.util.Locale.ROOT)
                    + " after the health timeout of " + Durations.text(timeout));
        }
        return new Wait();
    }

    private Verdict ended(ContainerStatus s) {
        Integer code = s.exitCode();
        if (kind != Kind.SERVICE && code != null && code == 0 && s.status() == Status.EXITED) {
            return new Pass("completed", false);
        }
        if (s.status() == Status.DEAD) {
            return new Fail("is dead" + (s.error() == null ? "" : ": " + s.error()));
        }
        if (s.oomKilled()) {
            return new Fail("was killed for running out of memory (exit code " + code + ")");
        }
        if (code == null) {
            return new Fail("exited" + (s.error() == null ? "" : ": " + s.error()));
        }
        return new Fail("exited with code " + code + (s.error() == null ? "" : " (" + s.error() + ")"));
    }
}
