package dev.barge.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;
import java.util.HashMap;
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
 * @param failedCommits      commit → the failed apply of it: the hash of the node's desired state it
 *                           failed with, when and why; the agent does not retry the commit for the
 *                           same desired state
 */
public record NodeState(String appliedCommit, Instant appliedAt, Map<String, String> specHashes,
                        Map<String, String> digests, Attempt lastAttempt, Pin pin, Map<String, FailedCommit> failedCommits) {

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

    /**
     * A failed apply of one commit.
     *
     * @param desiredHash the node's desired-state hash it failed with; null when recorded by a version before it was kept
     * @param at          when it failed; null likewise
     * @param reason      why, in one line (never a secret value)
     */
    public record FailedCommit(String desiredHash, Instant at, String reason) {

        @JsonCreator
        public FailedCommit {
        }

        /** Earlier versions kept only the reason. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static FailedCommit fromReason(String reason) {
            return new FailedCommit(null, null, reason);
        }
    }

    public NodeState withPin(Pin newPin) {
        return new NodeState(appliedCommit, appliedAt, specHashes, digests, lastAttempt, newPin, failedCommits);
    }

    /** True when {@code commit} failed before with this very desired state, so applying it again would fail alike. */
    public boolean failedBefore(String commit, String desiredHash) {
        FailedCommit failed = failedCommits.get(commit);
        return failed != null && failed.desiredHash() != null && failed.desiredHash().equals(desiredHash);
    }

    /** This state with {@code commit}'s failure recorded, or (with null) forgotten. */
    public NodeState withFailedCommit(String commit, FailedCommit failed) {
        Map<String, FailedCommit> next = new HashMap<>(failedCommits);
        if (failed == null) {
            next.remove(commit);
        } else {
            next.put(commit, failed);
        }
        return new NodeState(appliedCommit, appliedAt, specHashes, digests, lastAttempt, pin, next);
    }
}
