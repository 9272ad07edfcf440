package dev.barge.server;

import dev.barge.reconcile.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code /readyz}: ready when the last reconcile succeeded (applied, or nothing to change), or while
 * the agent is in its first poll interval and none has ended yet. A failure stays until a reconcile
 * succeeds: a rollback after it does not clear it, since the branch head still failed.
 */
public final class Readiness implements Consumer<Outcome> {
    private final Clock clock;
    private final Instant started;
    private final Duration interval;
    private volatile LastFailure failure;
    private volatile boolean succeeded;

    /** How the last failed reconcile ended: one line, never a secret value. */
    public record LastFailure(Instant at, String commit, String reason) {
    }

    /** {@code ready} with the line /readyz answers. */
    public record State(boolean ready, String reason) {
    }

    public Readiness(Clock clock, Duration interval) {
        this.clock = clock;
        this.started = clock.instant();
        this.interval = interval;
    }

    @Override
    public void accept(Outcome outcome) {
        if (outcome instanceof Outcome.Applied || outcome instanceof Outcome.NoChanges) {
            failure = null;
            succeeded = true;
        } else if (!(outcome instanceof Outcome.RolledBack)) {
            failure = new LastFailure(clock.instant(), outcome.commit(), outcome.describe());
        }
    }

    /** The last failure, null when the last reconcile succeeded or none failed. */
    public LastFailure lastFailure() {
        return failure;
    }

    /** @param lastResult what the agent's last poll found, for the reason when nothing has succeeded yet */
    public State state(Supplier<String> lastResult) {
        LastFailure f = failure;
        if (f != null) {
            return new State(false, "the last reconcile failed: " + f.reason());
        }
        if (succeeded) {
            return new State(true, "ok: the last reconcile succeeded");
        }
        if (clock.instant().isBefore(started.plus(interval))) {
            return new State(true, "ok: starting, within the first poll interval");
        }
        return new State(false, "no reconcile has succeeded yet: " + lastResult.get());
    }
}
