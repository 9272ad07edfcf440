package dev.barge.reconcile;

import dev.barge.config.ConfigLoader;
import dev.barge.config.Declarations;
import dev.barge.config.SecretReader;
import dev.barge.config.model.AgentConfig;
import dev.barge.config.model.DesiredState;
import dev.barge.select.NodeIdentity;
import dev.barge.select.NodeSlice;
import dev.barge.select.Selector;
import dev.barge.source.DirectoryTree;
import dev.barge.tree.FileTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The front of the pipeline that needs no Docker: a file tree's declarations, narrowed to one node, then
 * that node's stacks read and their secrets decrypted ({@link #forNode}); or, for validation, the whole
 * repo ({@link #forValidation}). Used by validate, explain, render and plan.
 *
 * @param node     the node the state was resolved for; empty when every deployment was resolved
 * @param unopened secret files validation could check by key names only: no identity here opens them
 */
public record Desired(FileTree tree, DesiredState state, Optional<AgentConfig> agent, Optional<NodeIdentity> node,
                      boolean secretsDecrypted, List<String> unopened) {
    public Desired {
        unopened = List.copyOf(unopened);
    }

    /** One node's desired state from a local directory as it is, with the identities of the agent config and environment. */
    public static Desired fromDirectory(Path repo, Map<String, String> env, Optional<AgentConfig> agent, NodeIdentity node) {
        return forNode(new DirectoryTree(repo, AgentConfig.readLimits(agent)), SecretReaders.forNode(agent, env), agent, node);
    }

    /**
     * The whole repo, for checking: secret files the identities here open are decrypted and verified,
     * the others (all of them on a pull-request CI without keys) are checked by their key names only;
     * {@link #secretsDecrypted()} and {@link #unopened()} say which.
     */
    public static Desired forValidation(Path repo, Map<String, String> env, Optional<AgentConfig> agent) {
        SecretReader secrets = SecretReaders.forValidation(agent, env);
        FileTree tree = new DirectoryTree(repo, AgentConfig.readLimits(agent));
        DesiredState state = ConfigLoader.load(tree, secrets);
        return new Desired(tree, state, agent, Optional.empty(), SecretReaders.decrypts(secrets), SecretReaders.unopened(secrets));
    }

    /**
     * config → select → config: every declaration is read and checked, the deployments for {@code node}
     * are selected, and only theirs are resolved and decrypted: a node needs no other environment's key.
     * {@code secrets} should live as long as the process: its cache is what makes an unchanged poll decrypt nothing.
     */
    public static Desired forNode(FileTree tree, SecretReader secrets, Optional<AgentConfig> agent, NodeIdentity node) {
        Declarations declared = ConfigLoader.declare(tree);
        DesiredState state = declared.resolve(secrets, deployment -> Selector.isFor(deployment, node));
        return new Desired(tree, state, agent, Optional.of(node), SecretReaders.decrypts(secrets), List.of());
    }

    /**
     * The stacks {@code node} runs and why, and the deployments it skips.
     *
     * @throws IllegalArgumentException when the state was resolved for another node (its stacks were not read)
     */
    public NodeSlice select(NodeIdentity node) {
        if (this.node.isPresent() && !this.node.get().equals(node)) {
            throw new IllegalArgumentException("desired state was resolved for node " + this.node.get().name()
                    + ", not " + node.name());
        }
        return Selector.select(state, node);
    }

    public String describe() {
        return tree.describe();
    }
}
