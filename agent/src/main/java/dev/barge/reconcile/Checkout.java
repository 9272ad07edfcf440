package dev.barge.reconcile;

import dev.barge.tree.FileTree;
import dev.barge.source.Snapshot;
import java.util.Optional;

/** The config to plan: a file tree and, when it came from git, the snapshot (commit, author, signature verdict). */
public record Checkout(FileTree tree, Optional<Snapshot> snapshot) {

    /** The commit sha, or null for a local directory read as it is. */
    public String commit() {
        return snapshot.map(Snapshot::commit).orElse(null);
    }

    public String describe() {
        return snapshot.map(s -> "commit " + s.shortCommit() + " (" + s.message() + ")").orElse(tree.describe());
    }
}
