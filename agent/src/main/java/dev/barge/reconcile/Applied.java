package dev.barge.reconcile;

import dev.barge.apply.ApplyReport;
import dev.barge.record.HistoryEntry;

/** The outcome of one apply: the plan it executed, what happened, and what was recorded. */
public record Applied(Planned planned, ApplyReport report, HistoryEntry entry, String note) {
    public boolean succeeded() {
        return report.succeeded();
    }
}
