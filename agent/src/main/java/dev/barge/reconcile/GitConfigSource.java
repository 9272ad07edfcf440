package dev.barge.reconcile;

import dev.barge.config.model.AgentConfig;
import dev.barge.source.GitSource;
import java.nio.file.Path;
import java.util.Optional;

/** The agent config's {@code source:}: a git remote, fetched into the cache under the state dir. */
public final class GitConfigSource implements ConfigSource {
    private final GitSource git;

    /** Checks the settings eagerly (URL, branch, auth, verify), as {@link GitSource} does. */
    public GitConfigSource(AgentConfig.Source source, Path stateDir) {
        this.git = new GitSource(source, stateDir);
    }

    @Override
    public Checkout checkout(String commit, String lastApplied) {
        var snapshot = commit == null ? git.fetch() : git.at(commit);
        return new Checkout(snapshot.tree(), Optional.of(snapshot));
    }

    @Override
    public boolean followsBranch() {
        return true;
    }

    @Override
    public String describe() {
        return git.describe();
    }
}
