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
        StateStore store = store(agent);
        store.open(); // a state dir barge must not trust is refused before anything else
        DockerGateway docker = connect(env);
        return new Session(new Reconciler(agent, env, store, docker), store, docker);
    }

    /** The state dir alone, for commands that only read it (status, history). */
    StateStore store(Optional<AgentConfig> agent) {
        return new StateStore(stateDir != null ? stateDir
                : agent.map(AgentConfig::stateDir).orElse(AgentConfig.DEFAULT_STATE_DIR));
    }

    /** The engine named by DOCKER_HOST, else the default socket; unreachable is a RETRY_LATER failure. */
    static DockerGateway connect(Map<String, String> env) {
        return env.containsKey("DOCKER_HOST")
                ? DockerJavaGateway.connect(env.get("DOCKER_HOST")) : DockerJavaGateway.connect();
    }

    /** A reconciler with its engine connection, closed together. */
    record Session(Reconciler reconciler, StateStore store, DockerGateway docker) implements AutoCloseable {
        @Override
        public void close() {
            docker.close();
        }
    }
}
