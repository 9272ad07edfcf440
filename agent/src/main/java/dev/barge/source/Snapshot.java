package dev.barge.source;

import dev.barge.tree.FileTree;
import java.time.Instant;
import java.util.Objects;

/**
 * One commit of the config repository as the next stages see it: who made it, whether its signature
 * was trusted, and the config root ({@code source.path}) at that commit as a read-only {@link FileTree}.
 *
 * @param commit      the full 40-hex commit sha
 * @param message     the first line of the commit message
 * @param author      {@code Name <email>} of the author
 * @param commitTime  the committer time
 * @param branch      the branch it was fetched from (for a local repo: its current branch)
 * @param verdict     what signature verification said
 * @param tree        the config root at this commit, read from the object database
 */
public record Snapshot(String commit, String message, String author, Instant commitTime, String branch,
                       SignatureVerdict verdict, FileTree tree) {

    public Snapshot {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(commitTime, "commitTime");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(tree, "tree");
    }

    /** The first 7 hex digits, for messages. */
    public String shortCommit() {
        return commit.substring(0, Math.min(7, commit.length()));
    }
}
