package dev.barge.view;

import dev.barge.docker.ActualState;
import dev.barge.record.NodeState;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@code barge status} shows, gathered by the command: the recorded state, the remote branch
 * head, and what the engine runs. The remote and the engine may be unreachable; status still shows
 * the rest.
 */
public record NodeStatus(String node, NodeState state, Remote remote, Engine engine, AgentProcess agent,
                         String suspended) {

    public NodeStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(engine, "engine");
    }

    /** Without an agent running and without a suspension. */
    public NodeStatus(String node, NodeState state, Remote remote, Engine engine) {
        this(node, state, remote, engine, null, null);
    }

    /**
     * A {@code barge agent} process alive on this state dir, from the file it keeps there.
     *
     * @param lastResult what its last poll found or did, one line
     */
    public record AgentProcess(long pid, Instant since, String listen, Instant lastPoll, String lastResult,
                               Instant nextPoll) {
    }

    /** The config source's branch head. */
    public sealed interface Remote {
        /** The agent config has no source (local --repo use only). */
        record NotConfigured() implements Remote {
        }

        /** {@code source} describes the branch and URL (no credentials). */
        record Head(String source, String commit) implements Remote {
        }

        record Unreachable(String source, String message) implements Remote {
        }
    }

    /** What the local Docker engine runs. */
    public sealed interface Engine {
        record Observed(ActualState actual) implements Engine {
        }

        record Unreachable(String message) implements Engine {
        }
    }
}
