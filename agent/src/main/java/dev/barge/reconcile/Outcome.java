package dev.barge.reconcile;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.apply.ApplyReport;
import dev.barge.plan.Plan;
import dev.barge.record.HistoryEntry;
import dev.barge.record.Trigger;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one reconcile ended: the one value history, metrics, the log line, the status page and
 * notifications are rendered from. Every outcome says what started it, which commit it planned (a
 * sha; {@code local:<directory>} for a directory read as it is; null when it failed before a commit
 * was known), the plan's counts (null when no plan was made) and how long it took.
 */
public sealed interface Outcome {

    Trigger trigger();

    String commit();

    Plan.Summary summary();

    Duration duration();

    /** The history entry this reconcile appended; empty when it changed nothing and recorded nothing. */
    default Optional<HistoryEntry> recorded() {
        return Optional.empty();
    }

    /** What should happen next when it did not succeed; empty for applied, no changes and rolled back. */
    default Optional<Failure> failureClass() {
        return Optional.empty();
    }

    /** One line for the log and notifications; never a secret value. */
    String describe();

    /** Every stack applied. {@code note}: context a human should see (the node is pinned, ...), or null. */
    record Applied(Trigger trigger, String commit, Plan.Summary summary, ApplyReport report, HistoryEntry entry,
                   String note, Duration duration) implements Outcome {
        public Applied {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(entry, "entry");
        }

        @Override
        public Optional<HistoryEntry> recorded() {
            return Optional.of(entry);
        }

        @Override
        public String describe() {
            return "applied " + Outcomes.shortCommit(commit) + " (" + trigger + "): " + entry.summary();
        }
    }

    /** The node already ran the plan; recorded, since it confirms the commit. */
    record NoChanges(Trigger trigger, String commit, Plan.Summary summary, HistoryEntry entry, String note,
                     Duration duration) implements Outcome {
        public NoChanges {
            Objects.requireNonNull(entry, "entry");
        }

        @Override
        public Optional<HistoryEntry> recorded() {
            return Optional.of(entry);
        }

        @Override
        public String describe() {
            return "no changes for " + Outcomes.shortCommit(commit) + " (" + trigger + ")";
        }
    }

    /**
     * Apply ran and at least one stack failed ({@code report} and {@code entry} set; {@code partial} when
     * others applied), or the reconcile failed before a plan existed (both null: a remote down, an
     * invalid config).
     *
     * @param reason  one line: what failed, on what (never a secret value)
     * @param failure its kind: a health gate FAILED, an engine that did not answer RETRY_LATER, ...
     */
    record Failed(Trigger trigger, String commit, Plan.Summary summary, String reason, Failure failure,
                  ApplyReport report, HistoryEntry entry, String note, Duration duration) implements Outcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(failure, "failure");
        }

        /** True when some stacks applied and others failed. */
        public boolean partial() {
            return report != null && report.failed().size() < report.stacks().size();
        }

        @Override
        public Optional<HistoryEntry> recorded() {
            return Optional.ofNullable(entry);
        }

        @Override
        public Optional<Failure> failureClass() {
            return Optional.of(failure);
        }

        @Override
        public String describe() {
            return (partial() ? "partially applied " : "failed to apply ") + Outcomes.shortCommit(commit)
                    + " (" + trigger + "): " + reason;
        }
    }

    /** Nothing was changed: the plan was declined, or differed from the one approved. */
    record Cancelled(Trigger trigger, String commit, Plan.Summary summary, String reason, Duration duration)
            implements Outcome {
        public Cancelled {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Optional<Failure> failureClass() {
            return Optional.of(Failure.FAILED);
        }

        @Override
        public String describe() {
            return "cancelled " + Outcomes.shortCommit(commit) + " (" + trigger + "): " + reason;
        }
    }

    /** A rollback applied every stack with the recorded digests; {@code pinned}: the node now stays there. */
    record RolledBack(Trigger trigger, String commit, Plan.Summary summary, ApplyReport report, HistoryEntry entry,
                      boolean pinned, String note, Duration duration) implements Outcome {
        public RolledBack {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(entry, "entry");
        }

        @Override
        public Optional<HistoryEntry> recorded() {
            return Optional.of(entry);
        }

        @Override
        public String describe() {
            return "rolled back to " + Outcomes.shortCommit(commit) + " (" + trigger + "): " + entry.summary()
                    + (pinned ? "; pinned there" : "");
        }
    }

    /** Refused before anything changed (policy, an untrusted commit): a human must look. */
    record Refused(Trigger trigger, String commit, Plan.Summary summary, String reason, Duration duration)
            implements Outcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Optional<Failure> failureClass() {
            return Optional.of(Failure.REFUSED);
        }

        @Override
        public String describe() {
            return "refused " + Outcomes.shortCommit(commit) + " (" + trigger + "): " + reason;
        }
    }

    /**
     * The outcome of a reconcile that failed before a plan existed (the {@link Reconciler} throws
     * those): refused for a REFUSED failure, failed otherwise.
     */
    static Outcome beforePlan(Trigger trigger, String commit, BargeException e, Duration took) {
        return e.failure() == Failure.REFUSED
                ? new Refused(trigger, commit, null, e.getMessage(), took)
                : new Failed(trigger, commit, null, e.getMessage(), e.failure(), null, null, null, took);
    }

    /** The human said no (or the CLI could not ask): nothing was changed. */
    static Outcome declined(Trigger trigger, Planned planned, Duration took) {
        return new Cancelled(trigger, Outcomes.commit(planned.checkout()), planned.plan().summary(),
                "apply cancelled: nothing was changed", took);
    }
}
