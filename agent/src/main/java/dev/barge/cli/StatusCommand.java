package dev.barge.cli;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig;
import dev.barge.docker.DockerGateway;
import dev.barge.reconcile.AgentFile;
import dev.barge.reconcile.AgentSuspension;
import dev.barge.record.StateStore;
import dev.barge.source.GitSource;
import dev.barge.view.Colour;
import dev.barge.view.ImageQuery;
import dev.barge.view.ImageUsage;
import dev.barge.view.NodeStatus;
import dev.barge.view.StatusView;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What this node runs and where it stands against the config repo. */
@Command(name = "status", description = {
    "Show the applied commit, the last attempt, the pin, the remote branch head, and each stack's containers.",
    "With --image NAME, list the stacks and services that use that image instead."})
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    NodeOptions nodeOptions;
    @Mixin
    EngineOptions engine;

    @Option(names = "--json", description = "Print the status in a versioned JSON object.")
    boolean json;

    @Option(names = "--image", paramLabel = "NAME",
            description = "Which stacks use this image: busybox (any tag), busybox:1.36, NAME@sha256:..., or an image id.")
    String image;

    @Override
    public Integer call() {
        ImageQuery query = image == null ? null : ImageQuery.parse(image);
        BargeCommand root = BargeCommand.root(spec);
        boolean colour = Colour.enabled(root.env, root.terminal);
        Optional<AgentConfig> agent = nodeOptions.agentConfig();
        String node = nodeOptions.identityOrHost(agent).name();
        StateStore store = engine.store(agent);
        PrintWriter out = spec.commandLine().getOut();
        if (query != null) {
            try (DockerGateway docker = root.invocation.connect()) {
                var uses = ImageUsage.find(query, store.read(), docker.observe(Set.of(query.text())));
                out.print(json ? StatusView.imageUsageJson(node, query, uses) : StatusView.imageUsage(node, query, uses, colour));
            }
            out.flush();
            return 0;
        }
        NodeStatus status = new NodeStatus(node, store.read(), remote(agent, store), observe(root),
                AgentFile.running(store.dir()).map(a -> new NodeStatus.AgentProcess(a.pid(), a.since(), a.listen(),
                        a.lastPoll(), a.lastResult(), a.nextPoll())).orElse(null),
                AgentSuspension.of(store.dir()).orElse(null));
        out.print(json ? StatusView.json(status) : StatusView.human(status, colour));
        out.flush();
        // the recorded state is shown even without an engine, but a script must learn that the engine is gone
        return status.engine() instanceof NodeStatus.Engine.Unreachable ? Failure.RETRY_LATER.exitCode() : 0;
    }

    private static NodeStatus.Remote remote(Optional<AgentConfig> agent, StateStore store) {
        if (agent.isEmpty() || agent.get().source() == null) {
            return new NodeStatus.Remote.NotConfigured();
        }
        String source = "the agent config's source"; // not the URL itself: it may carry credentials
        try {
            GitSource git = new GitSource(agent.get().source(), store.dir());
            source = git.describe();
            return new NodeStatus.Remote.Head(source, git.remoteHead());
        } catch (BargeException e) {
            return new NodeStatus.Remote.Unreachable(source, e.getMessage());
        }
    }

    private static NodeStatus.Engine observe(BargeCommand root) {
        try (DockerGateway docker = root.invocation.connect()) {
            return new NodeStatus.Engine.Observed(docker.observe(Set.of()));
        } catch (BargeException e) {
            return new NodeStatus.Engine.Unreachable(e.getMessage());
        }
    }
}
