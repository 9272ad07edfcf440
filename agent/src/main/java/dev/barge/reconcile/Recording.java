package dev.barge.reconcile;

import dev.barge.apply.ApplyReport;
import dev.barge.plan.Action;
import dev.barge.plan.ContainerChange;
import dev.barge.record.HistoryEntry;
import dev.barge.record.HistoryOutcome;
import dev.barge.record.NodeState;
import dev.barge.record.Trigger;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What an apply leaves in the state dir: the node's new state and its history entry. */
record Recording(NodeState state, HistoryEntry entry) {

    static Recording of(NodeState before, Planned planned, ApplyReport report, Trigger trigger, Instant now) {
        return of(before, planned, report, trigger, now, null);
    }

    /** {@code rolledBackBecause}: set for the agent's automatic rollback, recorded as its outcome's reason. */
    static Recording of(NodeState before, Planned planned, ApplyReport report, Trigger trigger, Instant now,
                        String rolledBackBecause) {
        String commit = planned.commit();
        // spec hashes: what runs now; a container whose change failed keeps what barge last recorded for it
        Map<String, String> hashes = new TreeMap<>(before.specHashes());
        planned.plan().changes().stream().filter(c -> c instanceof ContainerChange cc && cc.action() == Action.DELETE)
                .map(c -> ((ContainerChange) c).containerName()).forEach(hashes::remove);
        hashes.putAll(report.specHashes());
        // digests of every service of the node at this commit, so that a rollback can restore them all
        Set<String> services = planned.slice().stacks().stream().flatMap(s -> s.stack().project().services().keySet()
                .stream().map(svc -> s.stack().name() + "/" + svc)).collect(Collectors.toSet());
        Map<String, String> digests = new TreeMap<>(before.digests());
        digests.putAll(report.digests());
        digests.keySet().retainAll(services);

        boolean ok = report.succeeded();
        String error = ok ? null : failureReason(report);
        HistoryOutcome outcome = !planned.plan().hasChanges() ? HistoryOutcome.NO_CHANGES : ok ? HistoryOutcome.APPLIED
                : report.failed().size() < report.stacks().size() ? HistoryOutcome.PARTIALLY_APPLIED : HistoryOutcome.FAILED;
        NodeState state = new NodeState(ok ? commit : before.appliedCommit(), ok ? now : before.appliedAt(), hashes,
                ok ? digests : before.digests(), new NodeState.Attempt(commit, now, ok, error),
                before.pin(), before.failedCommits())
                .withFailedCommit(commit, ok ? null : new NodeState.FailedCommit(planned.desiredHash(), now, error));
        if (ok && rolledBackBecause != null) {
            outcome = HistoryOutcome.ROLLED_BACK;
            error = rolledBackBecause;
        }
        return new Recording(state, new HistoryEntry(commit, now, trigger, outcome, summary(planned), digests, error));
    }

    static String failureReason(ApplyReport report) {
        return report.failed().stream().map(f -> f.stack() + ": " + f.reason()).collect(Collectors.joining("; "));
    }

    static String summary(Planned planned) {
        var s = planned.plan().summary();
        return s.create() + " created, " + s.replace() + " replaced, " + s.delete() + " deleted, "
                + s.start() + " started, " + s.unchanged() + " unchanged";
    }
}
