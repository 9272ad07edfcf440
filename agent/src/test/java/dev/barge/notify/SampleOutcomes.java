package dev.barge.notify;

import dev.barge.Failure;
import dev.barge.apply.ApplyReport;
import dev.barge.plan.Action;
import dev.barge.plan.Address;
import dev.barge.plan.Plan;
import dev.barge.reconcile.Outcome;
import dev.barge.record.HistoryEntry;
import dev.barge.record.HistoryOutcome;
import dev.barge.record.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Outcomes as the reconciler makes them, for shaping tests. */
final class SampleOutcomes {
    static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    static final String GOOD = "fedcba9876543210fedcba9876543210fedcba98";
    static final Plan.Summary ONE_REPLACED = new Plan.Summary(0, 1, 0, 0, 2, 0);

    private SampleOutcomes() {
    }

    static Outcome applied(Trigger trigger) {
        ApplyReport report = report(new ApplyReport.StackResult("shop", ApplyReport.StackStatus.APPLIED, null, null),
                change(ApplyReport.Outcome.DONE, "healthy in 1.2s"));
        return new Outcome.Applied(trigger, SHA, ONE_REPLACED, report, entry(SHA, HistoryOutcome.APPLIED, null), null,
                Duration.ofSeconds(3));
    }

    static Outcome noChanges(Trigger trigger, int drifted) {
        return new Outcome.NoChanges(trigger, SHA, new Plan.Summary(0, 0, 0, 0, 3, drifted),
                entry(SHA, HistoryOutcome.NO_CHANGES, null), null, Duration.ofMillis(400));
    }

    static Outcome.Failed failed(String detail) {
        String reason = "shop: web failed" + detail;
        ApplyReport report = report(new ApplyReport.StackResult("shop", ApplyReport.StackStatus.FAILED, reason,
                Failure.FAILED), change(ApplyReport.Outcome.FAILED, "web failed" + detail));
        return new Outcome.Failed(Trigger.POLL, SHA, ONE_REPLACED, reason, Failure.FAILED, report,
                entry(SHA, HistoryOutcome.FAILED, reason), null, Duration.ofSeconds(9));
    }

    static Outcome rolledBack() {
        ApplyReport report = report(new ApplyReport.StackResult("shop", ApplyReport.StackStatus.APPLIED, null, null),
                change(ApplyReport.Outcome.DONE, "healthy in 1s"));
        return new Outcome.RolledBack(Trigger.AUTO_ROLLBACK, GOOD, ONE_REPLACED, report,
                entry(GOOD, HistoryOutcome.ROLLED_BACK, "after 0123456789ab failed"), false, null, Duration.ofSeconds(4));
    }

    static Outcome engineDownBeforePlan() {
        return new Outcome.Failed(Trigger.POLL, SHA, null, "the engine did not answer", Failure.RETRY_LATER, null, null,
                null, Duration.ofMillis(10));
    }

    private static ApplyReport report(ApplyReport.StackResult stack, ApplyReport.ChangeResult change) {
        return new ApplyReport(List.of(stack), List.of(change), Map.of(), Map.of(), Duration.ofSeconds(2));
    }

    private static ApplyReport.ChangeResult change(ApplyReport.Outcome outcome, String detail) {
        return new ApplyReport.ChangeResult(Address.container("shop", "web"), Action.REPLACE, outcome, detail, List.of(),
                Duration.ofSeconds(1));
    }

    private static HistoryEntry entry(String commit, HistoryOutcome outcome, String error) {
        return new HistoryEntry(commit, Instant.parse("2026-01-01T00:00:00Z"), Trigger.POLL, outcome,
                "0 created, 1 replaced, 0 deleted, 0 started, 2 unchanged", Map.of(), error);
    }
}
