package dev.barge.record;

import java.time.Instant;
import java.util.Map;

/**
 * One line of {@code history.jsonl}: an apply or a rollback. Trigger and outcome are written by their
 * wire names ({@code cli}, {@code applied}, ...), the same strings earlier versions wrote.
 *
 * @param summary  the plan's one-line summary, e.g. "2 created, 1 replaced"
 * @param digests  "stack/service" → resolved image digest
 * @param error    why it failed, null when it did not (never a secret value)
 */
public record HistoryEntry(String commit, Instant time, Trigger trigger, HistoryOutcome outcome, String summary,
                           Map<String, String> digests, String error) {
    public HistoryEntry {
        digests = Map.copyOf(digests);
    }
}
