package dev.barge.cli;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.DurationText;
import dev.barge.config.model.AgentConfig;
import dev.barge.docker.DockerGateway;
import dev.barge.docker.DockerJavaGateway;
import dev.barge.plan.HashKey;
import dev.barge.reconcile.ConfigSource;
import dev.barge.reconcile.DirectorySource;
import dev.barge.reconcile.GitConfigSource;
import dev.barge.reconcile.ReconcileSettings;
import dev.barge.reconcile.Reconciler;
import dev.barge.reconcile.SecretReaders;
import dev.barge.reconcile.StackScope;
import dev.barge.record.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The local engine and state dir that plan, apply and status work against. */
final class EngineOptions {
    /** How long a second apply waits for the first, e.g. {@code 2s}: for scripts that would rather retry later than wait. */
    static final String LOCK_WAIT_ENV = "BARGE_LOCK_WAIT";

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State dir (default: the agent config's state_dir, else /var/lib/barge).")
    Path stateDir;

    /**
     * A reconciler for {@code repo} (a local directory, its commits with --commit) or, without it, the
     * agent config's git source.
     */
    Session open(BargeCommand root, Optional<AgentConfig> agent, Path repo) {
        StateStore store = store(agent);
        ConfigSource source = source(agent, repo, store);
        ReconcileSettings settings = settings(agent, root.env);
        HashKey key = HashKey.of(store.hashKey());
        DockerGateway docker = root.invocation.connect();
        return new Session(new Reconciler(settings, source, store, docker, SecretReaders.forNode(agent, root.env), key,
                Clock.systemUTC()), store, docker);
    }

    private static ConfigSource source(Optional<AgentConfig> agent, Path repo, StateStore store) {
        if (repo != null) {
            return new DirectorySource(repo, agent.map(AgentConfig::source).map(AgentConfig.Source::verify).orElse(null));
        }
        AgentConfig.Source source = agent.map(AgentConfig::source).orElseThrow(() -> new BargeException(Failure.USAGE,
                "no config source: pass --repo DIR, or --config with an agent config that has source.url"));
        return new GitConfigSource(source, store.dir());
    }

    /** The agent config's settings, with BARGE_LOCK_WAIT and BARGE_STACK_PREFIX from the environment. */
    static ReconcileSettings settings(Optional<AgentConfig> agent, Map<String, String> env) {
        return ReconcileSettings.from(agent).withLockWait(lockWait(env))
                .withScope(StackScope.of(env.get(StackScope.ENV)));
    }

    static Duration lockWait(Map<String, String> env) {
        String text = env.get(LOCK_WAIT_ENV);
        if (text == null || text.isBlank()) {
            return ReconcileSettings.LOCK_WAIT;
        }
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BargeException(Failure.USAGE, LOCK_WAIT_ENV + ": " + e.getMessage());
        }
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
