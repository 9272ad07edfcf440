package dev.barge.cli;

import dev.barge.config.model.AgentConfig;
import dev.barge.docker.DockerGateway;
import dev.barge.docker.DockerJavaGateway;
import dev.barge.reconcile.Reconciler;
import dev.barge.record.StateStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The local engine and state dir that plan, apply and status work against. */
final class EngineOptions {
    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State dir (default: the agent config's state_dir, else /var/lib/barge).")
    Path stateDir;

    Session open(Optional<AgentConfig> agent, Map<String, String> env) {
        Path dir = stateDir != null ? stateDir : agent.map(AgentConfig::stateDir).orElse(AgentConfig.DEFAULT_STATE_DIR);
        StateStore store = new StateStore(dir);
        DockerGateway docker = env.containsKey("DOCKER_HOST")
                ? DockerJavaGateway.connect(env.get("DOCKER_HOST")) : DockerJavaGateway.connect();
        return new Session(new Reconciler(agent, env, store, docker), store, docker);
    }

    /** A reconciler with its engine connection, closed together. */
    record Session(Reconciler reconciler, StateStore store, DockerGateway docker) implements AutoCloseable {
        @Override
        public void close() {
            docker.close();
        }
    }
}
