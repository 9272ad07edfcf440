package dev.barge.reconcile;

/** The commit names outcomes and history use. */
final class Outcomes {
    private Outcomes() {
    }

    /** The sha, or {@code local:<directory>} for a directory read as it is. */
    static String commit(Checkout checkout) {
        return checkout.commit() != null ? checkout.commit() : "local:" + checkout.tree().describe();
    }

    static String shortCommit(String commit) {
        if (commit == null) {
            return "(no commit)";
        }
        return commit.length() > 12 && !commit.startsWith("local:") ? commit.substring(0, 12) : commit;
    }
}
