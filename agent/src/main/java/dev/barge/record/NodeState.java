package dev.barge.record;

import java.time.Instant;
import java.util.Map;

/**
 * The node's current state ({@code state.json}): what is applied, what was last tried and how it
 * failed, and the pin set by {@code barge rollback}.
 *
 * @param appliedCommit      the commit whose config now runs (null before the first apply)
 * @param specHashes         container name → spec hash barge applied, to tell drift from config changes
 * @param digests            "stack/service" → resolved image digest of the applied commit
 * @param lastAttempt        the last apply tried and its outcome, null before the first
 * @param pin                set by rollback; the daemon does not roll forward while set
 * @param failedCommits      commit → desired-state hash of an apply that failed its health gate, not retried
 */
public record NodeState(String appliedCommit, Instant appliedAt, Map<String, String> specHashes,
                        Map<String, String> digests, Attempt lastAttempt, Pin pin, Map<String, String> failedCommits) {

    public static final NodeState EMPTY = new NodeState(null, null, Map.of(), Map.of(), null, null, Map.of());

    public NodeState {
        specHashes = Map.copyOf(specHashes);
        digests = Map.copyOf(digests);
        failedCommits = Map.copyOf(failedCommits);
    }

    public record Attempt(String commit, Instant at, boolean succeeded, String error) {
    }

    public record Pin(String commit, Instant since, String reason) {
    }

    public NodeState withPin(Pin newPin) {
        return new NodeState(appliedCommit, appliedAt, specHashes, digests, lastAttempt, newPin, failedCommits);
    }
}
