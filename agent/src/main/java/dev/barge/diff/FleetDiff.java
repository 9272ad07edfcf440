package dev.barge.diff;

import dev.barge.config.Problem;
import java.util.List;

/**
 * What a commit changes across the fleet: nodes grouped by identical change, the unchanged ones counted.
 *
 * @param formatVersion    {@link #FORMAT_VERSION} of the JSON form (schema/diff.schema.json)
 * @param nodes            how many nodes were compared (a group counts its members)
 * @param unchanged        how many of them the commit does not change
 * @param secretsByFile    true when some secret file could not be decrypted here, so a change of it shows
 *                         as "may have changed" rather than changed or unchanged
 * @param baseProblems     what is wrong at the base (the nodes are then compared with nothing)
 * @param headProblems     what is wrong at the head: barge diff exits 65
 */
public record FleetDiff(String formatVersion, String base, String head, int nodes, List<Group> groups, int unchanged,
                        boolean secretsByFile, List<String> warnings, List<Problem> baseProblems,
                        List<Problem> headProblems) {
    public static final String FORMAT_VERSION = "1";

    public FleetDiff {
        groups = List.copyOf(groups);
        warnings = List.copyOf(warnings);
        baseProblems = List.copyOf(baseProblems);
        headProblems = List.copyOf(headProblems);
    }

    /** Nodes that change the same way; {@code count} adds up the members (a group counts its size). */
    public record Group(List<Member> members, Effect effect) {
        public Group {
            members = List.copyOf(members);
        }

        public int count() {
            return members.stream().mapToInt(Member::count).sum();
        }
    }

    public int changed() {
        return nodes - unchanged;
    }

    public boolean hasChanges() {
        return !groups.isEmpty();
    }

    public boolean headInvalid() {
        return !headProblems.isEmpty();
    }
}
