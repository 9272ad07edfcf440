package dev.barge.server;

import dev.barge.BargeException;
import dev.barge.docker.ActualState;
import dev.barge.docker.ActualState.Container;
import dev.barge.docker.DockerGateway;
import dev.barge.metrics.StackInfo;
import dev.barge.reconcile.Agent;
import dev.barge.reconcile.AgentFile;
import dev.barge.reconcile.AgentSuspension;
import dev.barge.record.HistoryEntry;
import dev.barge.record.NodeState;
import dev.barge.record.StateStore;
import dev.barge.select.NodeIdentity;
import dev.barge.view.NodeStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the status page, {@code /status} and {@code barge_stack_info} show, gathered from the agent (its
 * last poll, the head it fetched), the state dir and the engine. The engine is asked at most once per
 * {@link #ENGINE_TTL}: a page and a scrape every second must not cost the engine two listings each. It
 * is asked on a thread of its own and a request is served the last observation: a slow engine (busy,
 * or hanging) must not hold the listener's two workers, or /healthz would stop answering. Nothing here
 * fetches from git.
 */
public final class NodeView {
    static final Duration ENGINE_TTL = Duration.ofSeconds(2);
    static final int HISTORY = 20;
    /** How long the first request waits for the first observation. */
    static final Duration FIRST_WAIT = Duration.ofSeconds(3);

    private final NodeIdentity node;
    private final StateStore store;
    private final DockerGateway docker;
    private final String source;
    private final Supplier<AgentFile> agent;
    private final Supplier<Optional<Agent.Head>> heads;
    private final Readiness readiness;
    private final Predicate<String> inScope;
    private final Clock clock;
    private volatile NodeStatus.Engine engine;
    private volatile Instant observedAt = Instant.MIN;
    private final AtomicBoolean observing = new AtomicBoolean();
    private final ExecutorService observer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "barge-observe");
        t.setDaemon(true);
        return t;
    });
    /** The applied commit's message and author, kept from the poll that fetched it as the head. */
    private volatile Agent.Head applied;

    /**
     * Everything one rendering shows.
     *
     * @param applied the applied commit's message and author, null when not known (applied before this agent started)
     * @param head    the branch head the agent last fetched, null before its first fetch
     */
    public record Snapshot(NodeStatus status, Map<String, String> labels, Agent.Head applied, Agent.Head head,
                           Readiness.State ready, Readiness.LastFailure lastFailure, AgentFile agent,
                           List<HistoryEntry> history, Instant at) {

        public boolean pinned() {
            return status.state().pin() != null;
        }
    }

    /**
     * @param agent what the agent's file says now ({@link Agent#snapshot})
     * @param heads the branch head it last fetched ({@link Agent#head})
     */
    public NodeView(NodeIdentity node, StateStore store, DockerGateway docker, String source, Supplier<AgentFile> agent,
                    Supplier<Optional<Agent.Head>> heads, Readiness readiness, Predicate<String> inScope, Clock clock) {
        this.heads = heads;
        this.node = node;
        this.store = store;
        this.docker = docker;
        this.source = source;
        this.agent = agent;
        this.readiness = readiness;
        this.inScope = inScope;
        this.clock = clock;
    }

    public Snapshot snapshot() {
        NodeState state = store.read();
        AgentFile process = agent.get();
        Agent.Head head = heads.get().orElse(null);
        if (head != null && head.commit().equals(state.appliedCommit())) {
            applied = head;
        }
        Agent.Head known = applied != null && applied.commit().equals(state.appliedCommit()) ? applied : null;
        NodeStatus.Remote remote = head == null
                ? new NodeStatus.Remote.Unreachable(source, "not fetched yet: " + process.lastResult())
                : new NodeStatus.Remote.Head(source, head.commit());
        NodeStatus status = new NodeStatus(node.name(), state, remote, engine(),
                new NodeStatus.AgentProcess(process.pid(), process.since(), process.listen(), process.lastPoll(),
                        process.lastResult(), process.nextPoll()),
                AgentSuspension.of(store.dir()).orElse(null));
        return new Snapshot(status, node.labels(), known, head, readiness.state(process::lastResult),
                readiness.lastFailure(), process, store.history(HISTORY), clock.instant());
    }

    /** Readiness without touching the engine or the state dir. */
    public Readiness.State ready() {
        return readiness.state(() -> agent.get().lastResult());
    }

    private NodeStatus.Engine engine() {
        if (!clock.instant().isBefore(observedAt.plus(ENGINE_TTL)) && observing.compareAndSet(false, true)) {
            observer.execute(() -> {
                try {
                    engine = observe();
                    observedAt = clock.instant();
                } finally {
                    observing.set(false);
                }
            });
        }
        NodeStatus.Engine e = engine;
        long deadline = System.nanoTime() + FIRST_WAIT.toNanos();
        while (e == null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
            e = engine;
        }
        return e != null ? e : new NodeStatus.Engine.Unreachable("the engine has not answered yet (asked "
                + FIRST_WAIT.toSeconds() + " s ago or more): try again shortly");
    }

    private NodeStatus.Engine observe() {
        try {
            ActualState actual = docker.observe(Set.of());
            return new NodeStatus.Engine.Observed(new ActualState(
                    actual.containers().stream().filter(c -> inScope.test(c.stack())).toList(),
                    List.of(), List.of(), List.of()));
        } catch (BargeException | IllegalStateException e) {
            return new NodeStatus.Engine.Unreachable(e.getMessage());
        }
    }

    /** One {@link StackInfo} per stack the engine runs for this agent, for {@code barge_stack_info}. */
    public List<StackInfo> stackInfos() {
        Snapshot s = snapshot();
        NodeState state = s.status().state();
        String desired = s.pinned() ? state.pin().commit() : s.head() == null ? "" : s.head().commit();
        List<StackInfo> infos = new ArrayList<>();
        if (s.status().engine() instanceof NodeStatus.Engine.Observed observed) {
            byStack(observed.actual().containers()).forEach((stack, containers) -> {
                String appliedCommit = containers.get(0).commit() == null ? "" : containers.get(0).commit();
                boolean synced = !desired.isEmpty() && containers.stream().allMatch(c -> desired.equals(c.commit())
                        && (c.specHash() == null || c.specHash().equals(state.specHashes().get(c.name()))));
                infos.add(new StackInfo(stack, nonNull(containers.get(0).deployment()),
                        desired.isEmpty() ? "Unknown" : synced ? "Synced" : "OutOfSync", health(containers),
                        appliedCommit, desired));
            });
        }
        return infos;
    }

    static Map<String, List<Container>> byStack(List<Container> containers) {
        Map<String, List<Container>> stacks = new TreeMap<>();
        containers.stream().filter(c -> c.stack() != null)
                .forEach(c -> stacks.computeIfAbsent(c.stack(), k -> new ArrayList<>()).add(c));
        return stacks;
    }

    /** Argo CD's health words: Degraded beats Progressing beats Healthy. */
    static String health(List<Container> containers) {
        if (containers.isEmpty()) {
            return "Missing";
        }
        boolean progressing = false;
        for (Container c : containers) {
            if (c.health() == ActualState.Health.UNHEALTHY || c.status() == ActualState.Status.RESTARTING
                    || c.status() == ActualState.Status.EXITED || c.status() == ActualState.Status.DEAD) {
                return "Degraded";
            }
            progressing |= c.health() == ActualState.Health.STARTING || c.status() != ActualState.Status.RUNNING;
        }
        return progressing ? "Progressing" : "Healthy";
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
