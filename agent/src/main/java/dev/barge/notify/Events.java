package dev.barge.notify;

import dev.barge.Failure;
import dev.barge.apply.ApplyReport;
import dev.barge.reconcile.Outcome;
import dev.barge.record.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which outcomes are worth telling someone, and as what. A reconcile that changed nothing is not; one
 * that failed for want of the engine before it planned is told as an outage, by {@link Outages}.
 * Messages are the outcome's own one-line description, which never holds a secret value.
 */
final class Events {
    private Events() {
    }

    /**
     * @param applied the commit the node ran before this outcome, null when not known: an apply with
     *                changes at that same commit corrected drift, whatever woke the agent (a drift
     *                correction that met a vanishing container is completed by the next poll)
     */
    static Optional<Event> of(Outcome outcome, String applied, String node, Instant now) {
        Reason reason;
        List<String> stacks = List.of();
        if (outcome instanceof Outcome.Applied a) {
            reason = a.trigger() == Trigger.DRIFT || a.commit().equals(applied) ? Reason.DRIFT_CORRECTED
                    : Reason.RECONCILIATION_SUCCEEDED;
            stacks = stacks(a.report(), ApplyReport.StackStatus.APPLIED);
        } else if (outcome instanceof Outcome.NoChanges n) {
            if (n.trigger() != Trigger.DRIFT || n.summary() == null || n.summary().drifted() == 0) {
                return Optional.empty();
            }
            reason = Reason.DRIFT_DETECTED;
        } else if (outcome instanceof Outcome.Failed f) {
            if (f.report() == null && f.failure() == Failure.RETRY_LATER) {
                return Optional.empty();
            }
            reason = healthGate(f.report()) ? Reason.HEALTH_CHECK_FAILED : Reason.RECONCILIATION_FAILED;
            stacks = stacks(f.report(), ApplyReport.StackStatus.FAILED);
        } else if (outcome instanceof Outcome.RolledBack r) {
            reason = Reason.ROLLED_BACK;
        } else if (outcome instanceof Outcome.Refused) {
            reason = Reason.RECONCILIATION_FAILED;
        } else {
            return Optional.empty(); // cancelled: the agent approves its own plans, so only a plan that changed meanwhile
        }
        return Optional.of(new Event(reason, node, stacks, outcome.commit(), outcome.trigger().wire(),
                outcome.describe(), now));
    }

    /** Whether the outcome counts as a success, which makes a failure seen again worth telling at once. */
    static boolean success(Outcome outcome) {
        return outcome instanceof Outcome.Applied || outcome instanceof Outcome.NoChanges;
    }

    /** The commit the node runs after this outcome, given the one it ran before. */
    static String applied(Outcome outcome, String before) {
        return success(outcome) || outcome instanceof Outcome.RolledBack ? outcome.commit() : before;
    }

    static Event unavailable(String what, String message, String node, int polls, Instant now) {
        Reason reason = "engine".equals(what) ? Reason.ENGINE_UNAVAILABLE : Reason.SOURCE_UNAVAILABLE;
        return new Event(reason, node, List.of(), null, null, what + " unavailable for " + polls + " polls: " + message
                + "; the containers are left as they are", now);
    }

    static Event recovered(String what, String node, Duration down, Instant now) {
        return new Event(Reason.RECOVERED, node, List.of(), null, null, what + " available again after "
                + down.toSeconds() + "s", now);
    }

    private static List<String> stacks(ApplyReport report, ApplyReport.StackStatus status) {
        return report == null ? List.of()
                : report.stacks().stream().filter(s -> s.status() == status).map(ApplyReport.StackResult::stack).toList();
    }

    /** A container failed its health gate (the apply stage says so in the change's detail). */
    private static boolean healthGate(ApplyReport report) {
        return report != null && report.changes().stream()
                .anyMatch(c -> c.outcome() == ApplyReport.Outcome.FAILED && c.detail() != null
                        && c.detail().contains("health gate"));
    }
}
