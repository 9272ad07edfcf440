package dev.barge.reconcile;

import dev.barge.config.ConfigLoader;
import dev.barge.config.SecretReader;
import dev.barge.config.model.AgentConfig;
import dev.barge.config.model.DesiredState;
import dev.barge.select.NodeIdentity;
import dev.barge.select.NodeSlice;
import dev.barge.select.Selector;
import dev.barge.source.DirectoryTree;
import dev.barge.source.FileTree;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The front of the pipeline that needs no Docker: a file tree, decrypted and loaded into a
 * {@link DesiredState}, then narrowed to one node. Used by validate, explain, render and plan.
 */
public record Desired(FileTree tree, DesiredState state, Optional<AgentConfig> agent, boolean secretsDecrypted) {

    /** Loads a local directory as it is, with the identities of the agent config and environment. */
    public static Desired fromDirectory(Path repo, Map<String, String> env, Optional<AgentConfig> agent) {
        return load(new DirectoryTree(repo, AgentConfig.readLimits(agent)), SecretReaders.forNode(agent, env), agent);
    }

    /**
     * Like {@link #fromDirectory}, but where this machine holds no age identity (a pull-request CI)
     * secret files are checked by their key names only; {@link #secretsDecrypted()} says which.
     */
    public static Desired forValidation(Path repo, Map<String, String> env, Optional<AgentConfig> agent) {
        return load(new DirectoryTree(repo, AgentConfig.readLimits(agent)), SecretReaders.forValidation(agent, env), agent);
    }

    /** {@code secrets} should live as long as the process: its cache is what makes an unchanged poll decrypt nothing. */
    public static Desired load(FileTree tree, SecretReader secrets, Optional<AgentConfig> agent) {
        return new Desired(tree, ConfigLoader.load(tree, secrets), agent, SecretReaders.decrypts(secrets));
    }

    public NodeSlice select(NodeIdentity node) {
        return Selector.select(state, node);
    }

    public String describe() {
        return tree.describe();
    }
}
