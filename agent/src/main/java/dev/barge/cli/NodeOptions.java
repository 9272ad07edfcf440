package dev.barge.cli;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.AgentConfigLoader;
import dev.barge.config.model.AgentConfig;
import dev.barge.select.NodeIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Who "this node" is: from --labels/--node, else from the agent config. */
final class NodeOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Agent config (default: /etc/barge/agent.yaml when it exists).")
    Path config;

    @Option(names = "--labels", paramLabel = "K=V[,K=V...]", split = ",",
            description = "This node's labels, instead of the agent config's (e.g. client=earth,environment=staging).")
    Map<String, String> labels;

    @Option(names = "--node", paramLabel = "NAME", description = "This node's name (default: the agent config's, else the host name).")
    String node;

    /** The agent config named by --config, or the default one when it exists. */
    Optional<AgentConfig> agentConfig() {
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new BargeException(Failure.USAGE, "agent config " + config + " does not exist: check --config");
            }
            return Optional.of(AgentConfigLoader.load(config));
        }
        return Files.isRegularFile(AgentConfig.DEFAULT_PATH)
                ? Optional.of(AgentConfigLoader.load(AgentConfig.DEFAULT_PATH)) : Optional.empty();
    }

    /** The node identity when labels or a node name were given on the command line or by an agent config. */
    Optional<NodeIdentity> identity(Optional<AgentConfig> agent) {
        if (labels == null && node == null && agent.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> merged = new LinkedHashMap<>();
        agent.ifPresent(a -> merged.putAll(a.node().labels()));
        if (labels != null) {
            merged.clear();
            merged.putAll(labels);
        }
        String name = node != null ? node : agent.map(a -> a.node().name()).orElseGet(this::hostName);
        return Optional.of(new NodeIdentity(name, merged));
    }

    private String hostName() {
        return ((BargeCommand) mixee.root().userObject()).invocation.hostName().get();
    }

    /** The node identity, falling back to the host name with no labels. */
    NodeIdentity identityOrHost(Optional<AgentConfig> agent) {
        return identity(agent).orElseGet(() -> new NodeIdentity(hostName(), Map.of()));
    }

    /** The node identity, or a usage error telling {@code command} how to name the node. */
    NodeIdentity require(Optional<AgentConfig> agent, String command) {
        return identity(agent).orElseThrow(() -> new BargeException(Failure.USAGE, command
                + " needs to know the node: pass --labels k=v,... and --node, or --config with an agent config"));
    }
}
