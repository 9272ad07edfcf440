package dev.barge.plan;

import java.util.List;
import java.util.Objects;

/**
 * What must change on one node to match one commit: changes in execution order (networks and volumes,
 * then containers stack by stack in dependency order, then deletes in reverse dependency order),
 * their counts, warnings for a human, and notes on objects the plan leaves alone (not owned) or
 * adopted from an earlier barge. Apply does exactly the changes, nothing else.
 *
 * @param formatVersion {@link #FORMAT_VERSION}; bumped when the JSON rendering changes incompatibly
 * @param commit        the commit planned; null when the config did not come from git
 * @param appliedCommit the commit barge last applied on this node; null when none
 */
public record Plan(String formatVersion, String node, String commit, String appliedCommit, List<Change> changes,
                   Summary summary, List<String> warnings, List<Note> notes) {

    public static final String FORMAT_VERSION = "1";

    public Plan {
        Objects.requireNonNull(formatVersion, "formatVersion");
        Objects.requireNonNull(node, "node");
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
        if (!Summary.of(changes).equals(summary)) {
            throw new IllegalArgumentException("the summary " + summary + " does not count the changes: use Plan.of");
        }
    }

    public static Plan of(String node, String commit, String appliedCommit, List<Change> changes, List<String> warnings) {
        return of(node, commit, appliedCommit, changes, warnings, List.of());
    }

    public static Plan of(String node, String commit, String appliedCommit, List<Change> changes, List<String> warnings,
                          List<Note> notes) {
        return new Plan(FORMAT_VERSION, node, commit, appliedCommit, changes, Summary.of(changes), warnings, notes);
    }

    /** The same plan with other changes of the same counts (e.g. pinned to recorded image digests). */
    public Plan withChanges(List<Change> replaced) {
        return new Plan(formatVersion, node, commit, appliedCommit, replaced, summary, warnings, notes);
    }

    /** True when apply has anything to do ({@code barge plan --exit-code} exits 2). */
    public boolean hasChanges() {
        return changes.stream().anyMatch(Change::acts);
    }

    /**
     * Counts by action. {@code unchanged}: in sync; {@code drifted}: drift that is reported and left
     * as is (stacks with {@code drift: detect}). Kept volumes count in neither; a removed volume is a delete.
     */
    public record Summary(int create, int replace, int delete, int start, int unchanged, int drifted) {

        public static Summary of(List<Change> changes) {
            int create = 0;
            int replace = 0;
            int delete = 0;
            int start = 0;
            int unchanged = 0;
            int drifted = 0;
            for (Change c : changes) {
                switch (c.action()) {
                    case CREATE -> create++;
                    case REPLACE -> replace++;
                    case DELETE -> delete++;
                    case START -> start++;
                    case NONE -> {
                        if (c.reason() instanceof Reason.InSync) {
                            unchanged++;
                        } else if (c.reason().isDrift()) {
                            drifted++;
                        }
                    }
                }
            }
            return new Summary(create, replace, delete, start, unchanged, drifted);
        }
    }
}
