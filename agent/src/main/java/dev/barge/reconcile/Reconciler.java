package dev.barge.reconcile;

import dev.barge.BargeException;
import dev.barge.apply.Applier;
import dev.barge.apply.ApplyListener;
import dev.barge.apply.ApplyOptions;
import dev.barge.apply.ApplyReport;
import dev.barge.apply.PolicyCheck;
import dev.barge.record.HistoryEntry;
import dev.barge.record.StateLock;
import dev.barge.select.NodeIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import dev.barge.Failure;
import dev.barge.config.DurationText;
import dev.barge.config.SecretReader;
import dev.barge.config.model.AgentConfig;
import dev.barge.docker.ActualState;
import dev.barge.docker.DockerGateway;
import dev.barge.plan.HashKey;
import dev.barge.plan.Plan;
import dev.barge.plan.PlanOptions;
import dev.barge.plan.Planner;
import dev.barge.plan.PriorState;
import dev.barge.record.NodeState;
import dev.barge.record.StateStore;
import dev.barge.select.NodeSlice;
import dev.barge.source.DirectoryTree;
import dev.barge.source.GitSource;
import dev.barge.source.LocalGitRepo;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The only place that sequences the pipeline's stages: source → decrypt/config → select → observe →
 * plan (→ apply → record). Each stage hands the next an immutable value.
 */
public final class Reconciler {
    private final Optional<AgentConfig> agent;
    private final StateStore store;
    private final DockerGateway docker;
    private final SecretReader secrets;
    private final ApplyOptions applyOptions;
    private final StackScope scope;
    private final Duration lockWait;

    /** Under the state dir: the tmpfs apply keeps containers' secret files on, bind-mounted into them. */
    static final String SECRETS_DIR = "secrets";

    /** How long a second apply waits for the first before it gives up and says who holds the lock. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(30);
    /** Overrides {@link #LOCK_WAIT}, e.g. {@code 2s}: for scripts that would rather retry later than wait. */
    static final String LOCK_WAIT_ENV = "BARGE_LOCK_WAIT";

    public Reconciler(Optional<AgentConfig> agent, Map<String, String> env, StateStore store, DockerGateway docker) {
        this(agent, env, store, docker, ApplyOptions.DEFAULTS);
    }

    public Reconciler(Optional<AgentConfig> agent, Map<String, String> env, StateStore store, DockerGateway docker,
                      ApplyOptions applyOptions) {
        this.applyOptions = applyOptions;
        this.agent = agent;
        this.store = store;
        this.docker = docker;
        this.secrets = SecretReaders.forNode(agent, env);
        this.scope = StackScope.from(env);
        this.lockWait = lockWait(env);
    }

    static Duration lockWait(Map<String, String> env) {
        String text = env.get(LOCK_WAIT_ENV);
        if (text == null || text.isBlank()) {
            return LOCK_WAIT;
        }
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BargeException(Failure.USAGE, LOCK_WAIT_ENV + ": " + e.getMessage());
        }
    }

    /**
     * Plans and, when {@code approve} accepts the plan, applies it and records the outcome, all under
     * the state lock so that the plan cannot go stale and a CLI run and the daemon never both apply.
     * While the node is pinned by a rollback, a request without --commit or --repo stays on the pin.
     */
    public Applied apply(PlanRequest request, String trigger, Predicate<Planned> approve, ApplyListener listener) {
        try (StateLock lock = StateLock.acquire(store.dir(), "barge " + trigger, lockWait, listener::step)) {
            NodeState state = store.read();
            String note = null;
            if (state.pin() != null && request.commit() == null && request.repo() == null) {
                request = new PlanRequest(null, state.pin().commit(), request.node(), request.allowEmpty());
                note = "node is pinned to " + abbreviate(state.pin().commit()) + " by a rollback since "
                        + state.pin().since() + ": run barge resume to follow the branch again";
            }
            return applyLocked(request, trigger, approve, listener, state, Map.of(), note);
        }
    }

    /**
     * Applies an earlier commit with the image digests recorded for it and pins the node there, so
     * that neither apply nor the daemon rolls forward until {@link #resume}.
     */
    public Applied rollback(String commit, NodeIdentity node, Predicate<Planned> approve, ApplyListener listener) {
        try (StateLock lock = StateLock.acquire(store.dir(), "barge rollback", lockWait, listener::step)) {
            NodeState state = store.read();
            HistoryEntry recorded = store.history().stream()
                    .filter(e -> e.commit().startsWith(commit) && !"failed".equals(e.outcome()))
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new BargeException(Failure.BAD_INPUT, "commit " + commit
                            + " was never applied on this node, so there are no image digests to restore:"
                            + " barge history lists the commits that were; barge apply --commit deploys any other"));
            Applied applied = applyLocked(new PlanRequest(null, recorded.commit(), node, false), "rollback", approve,
                    listener, state, recorded.digests(), "rolling back to " + abbreviate(recorded.commit())
                            + " with the image digests recorded for it");
            if (applied.succeeded()) {
                store.write(store.read().withPin(new NodeState.Pin(recorded.commit(), Instant.now(),
                        "barge rollback " + commit)));
            }
            return applied;
        }
    }

    /** Releases a rollback's pin and applies the branch head. */
    public Applied resume(NodeIdentity node, Predicate<Planned> approve, ApplyListener listener) {
        try (StateLock lock = StateLock.acquire(store.dir(), "barge resume", lockWait, listener::step)) {
            NodeState state = store.read();
            store.write(state.withPin(null));
            String note = state.pin() == null ? "node was not pinned" : "pin on " + abbreviate(state.pin().commit()) + " released";
            return applyLocked(new PlanRequest(null, null, node, false), "resume", approve, listener, store.read(), Map.of(), note);
        }
    }

    private Applied applyLocked(PlanRequest request, String trigger, Predicate<Planned> approve, ApplyListener listener,
                                NodeState state, Map<String, String> digestPins, String note) {
        // plan: exactly what barge plan shows
        Planned planned = plan(request);
        // policy: refused before anything changes
        PolicyCheck.check(planned.slice().stacks().stream().map(NodeSlice.Selected::stack).toList(), policy());
        if (!approve.test(planned)) {
            throw new BargeException(Failure.FAILED, "apply cancelled: nothing was changed");
        }
        // apply: the same plan, run from the recorded digests when rolling back
        Plan plan = digestPins.isEmpty() ? planned.plan() : DigestPins.pin(planned.plan(), digestPins);
        ApplyReport report = new Applier(docker, planned.registries(), applyOptions, listener,
                store.dir().resolve(SECRETS_DIR)).apply(plan);
        // record: history entry and state, atomically
        Recording recording = Recording.of(state, planned, report, trigger, Instant.now());
        store.append(recording.entry());
        store.write(recording.state());
        return new Applied(planned, report, recording.entry(), note);
    }

    private AgentConfig.Policy policy() {
        return agent.map(AgentConfig::policy).orElse(AgentConfig.Policy.DEFAULTS);
    }

    private static String abbreviate(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    public Planned plan(PlanRequest request) {
        // source: the commit (or local directory) to plan
        Checkout checkout = checkout(request);
        // decrypt + config: the repo's desired state, secrets in memory only
        Desired desired = Desired.load(checkout.tree(), secrets, agent);
        // select: the stacks of this node, each with why
        NodeSlice slice = desired.select(request.node());
        scope.check(slice);
        // observe: what barge owns in the engine (within BARGE_STACK_PREFIX), and the local images the slice names
        ActualState actual = scope.visible(docker.observe(imageRefs(slice)));
        // plan: pure, against what barge last recorded
        NodeState state = store.read();
        Plan plan = new Planner(HashKey.of(store.hashKey())).plan(slice, actual,
                new PriorState(state.appliedCommit(), state.specHashes()),
                new PlanOptions(checkout.commit(), request.allowEmpty()));
        return new Planned(checkout, slice, actual, plan, desired.state().settings().registries());
    }

    private Checkout checkout(PlanRequest request) {
        if (request.repo() != null && request.commit() == null) {
            return new Checkout(new DirectoryTree(request.repo()), Optional.empty());
        }
        if (request.repo() != null) {
            AgentConfig.Verify verify = agent.flatMap(a -> Optional.ofNullable(a.source())).map(AgentConfig.Source::verify).orElse(null);
            var snapshot = new LocalGitRepo(request.repo(), ".", verify).at(request.commit());
            return new Checkout(snapshot.tree(), Optional.of(snapshot));
        }
        AgentConfig.Source source = agent.map(AgentConfig::source).orElseThrow(() -> new BargeException(Failure.USAGE,
                "no config source: pass --repo DIR, or --config with an agent config that has source.url"));
        GitSource git = new GitSource(source, store.dir());
        var snapshot = request.commit() == null ? git.fetch(Optional.ofNullable(store.read().appliedCommit())) : git.at(request.commit());
        return new Checkout(snapshot.tree(), Optional.of(snapshot));
    }

    private static Set<String> imageRefs(NodeSlice slice) {
        Set<String> refs = new TreeSet<>();
        slice.stacks().forEach(s -> s.stack().project().services().values().forEach(svc -> refs.add(svc.image())));
        return refs;
    }
}
