package dev.barge.reconcile;

import dev.barge.config.model.AgentConfig;
import dev.barge.source.DirectoryTree;
import dev.barge.source.LocalGitRepo;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A local config directory ({@code --repo DIR}): as it is, uncommitted edits included, or a commit of
 * the git repository it is in.
 *
 * @param verify signed-commit verification for commits, or null to skip it
 */
public record DirectorySource(Path dir, AgentConfig.Verify verify) implements ConfigSource {

    @Override
    public Checkout checkout(String commit, String lastApplied) {
        if (commit == null) {
            return new Checkout(new DirectoryTree(dir), Optional.empty());
        }
        var snapshot = new LocalGitRepo(dir, ".", verify).at(commit);
        return new Checkout(snapshot.tree(), Optional.of(snapshot));
    }

    @Override
    public boolean followsBranch() {
        return false;
    }

    @Override
    public String describe() {
        return "directory " + dir;
    }
}
