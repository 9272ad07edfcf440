package dev.barge.reconcile;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.apply.Applier;
import dev.barge.apply.ApplyReport;
import dev.barge.policy.PolicyCheck;
import dev.barge.config.SecretReader;
import dev.barge.docker.ActualState;
import dev.barge.docker.DockerGateway;
import dev.barge.plan.HashKey;
import dev.barge.plan.Plan;
import dev.barge.plan.PlanOptions;
import dev.barge.plan.Planner;
import dev.barge.plan.PriorState;
import dev.barge.record.HistoryEntry;
import dev.barge.record.HistoryOutcome;
import dev.barge.record.NodeState;
import dev.barge.record.StateLock;
import dev.barge.record.StateStore;
import dev.barge.record.Trigger;
import dev.barge.select.NodeIdentity;
import dev.barge.select.NodeSlice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The only place that sequences the pipeline's stages: source → decrypt/config → select → observe →
 * plan (→ apply → record). Each stage hands the next an immutable value. Everything it depends on is
 * passed in: the settings, the config source, the state dir, the engine, the secret reader (which
 * should live as long as the process: its cache is what makes an unchanged poll decrypt nothing), the
 * hash key and the clock.
 */
public final class Reconciler {
    private final ReconcileSettings settings;
    private final ConfigSource source;
    private final StateStore store;
    private final DockerGateway docker;
    private final SecretReader secrets;
    private final HashKey hashKey;
    private final Clock clock;

    /** Under the state dir: the tmpfs apply keeps containers' secret files on, bind-mounted into them. */
    static final String SECRETS_DIR = "secrets";

    public Reconciler(ReconcileSettings settings, ConfigSource source, StateStore store, DockerGateway docker,
                      SecretReader secrets, HashKey hashKey, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.source = Objects.requireNonNull(source, "source");
        this.store = Objects.requireNonNull(store, "store");
        this.docker = Objects.requireNonNull(docker, "docker");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.hashKey = Objects.requireNonNull(hashKey, "hashKey");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ConfigSource source() {
        return source;
    }

    /**
     * What {@link #run} would apply for {@code intent} now, without the lock and without changing
     * anything: the plan a human approves. While a rollback pins the node, an apply without a commit
     * plans the pinned commit with its recorded image digests.
     */
    public Planned plan(Intent intent) {
        NodeState state = store.read();
        return plan(target(intent, state), state);
    }

    /** {@link #plan(Intent)} of an {@link Intent.Apply}. */
    public Planned plan(PlanRequest request) {
        return plan(new Intent.Apply(request));
    }

    /**
     * Plans {@code intent} under the state lock and, when {@code approval} allows that plan, applies it
     * and records the outcome, so that the plan cannot go stale and a CLI run and the agent never both
     * apply. Approval is decided before: nothing here waits for a human.
     *
     * @return the outcome of every reconcile that reached a plan: applied, no changes, rolled back,
     *         failed (a stack failed), cancelled (the plan differs from the approved one), refused (policy)
     * @throws BargeException when it failed before a plan existed (the lock, the source, the config,
     *                        the engine); {@link Outcome#beforePlan} makes the outcome of those
     */
    public Outcome run(Intent intent, Trigger trigger, Approval approval, RunListener listener) {
        Instant start = clock.instant();
        try (StateLock lock = StateLock.acquire(store.dir(), "barge " + trigger.wire(), settings.lockWait(),
                listener::step)) {
            NodeState state = store.read();
            Target target = target(intent, state);
            Planned planned = plan(target, state);
            listener.planned(planned);
            Plan plan = planned.plan();
            String commit = planned.commit();
            try {
                PolicyCheck.check(planned.slice().stacks().stream().map(NodeSlice.Selected::stack).toList(),
                        settings.policy());
            } catch (BargeException e) {
                if (e.failure() != Failure.REFUSED) {
                    throw e;
                }
                return new Outcome.Refused(trigger, commit, plan.summary(), e.getMessage(), since(start));
            }
            if (!approval.allows(plan)) {
                return new Outcome.Cancelled(trigger, commit, plan.summary(), "the plan changed after it was shown,"
                        + " so nothing was changed: plan again and approve the new one", since(start));
            }
            if (intent instanceof Intent.Resume) {
                state = state.withPin(null);
                store.write(state);
            }
            // apply: the plan shown, recorded digests already pinned into it
            ApplyReport report = new Applier(docker, planned.registries(), settings.apply(), listener,
                    store.dir().resolve(SECRETS_DIR)).apply(plan);
            // record: history entry and state, atomically
            Instant now = clock.instant();
            Recording recording = Recording.of(state, planned, report, trigger, now,
                    intent instanceof Intent.Rollback r ? r.because() : null);
            store.append(recording.entry());
            boolean pin = intent instanceof Intent.Rollback r && r.pin() && report.succeeded();
            store.write(pin ? recording.state().withPin(new NodeState.Pin(commit, now, "barge rollback "
                    + ((Intent.Rollback) intent).commit())) : recording.state());
            return outcome(intent, trigger, planned, report, recording.entry(), since(start));
        }
    }

    /** {@link #run} of an {@link Intent.Apply}. */
    public Outcome apply(PlanRequest request, Trigger trigger, Approval approval, RunListener listener) {
        return run(new Intent.Apply(request), trigger, approval, listener);
    }

    /**
     * Applies an earlier commit with the image digests recorded for it and pins the node there, so
     * that neither apply nor the agent rolls forward until {@link #resume}.
     */
    public Outcome rollback(String commit, NodeIdentity node, Approval approval, RunListener listener) {
        return run(new Intent.Rollback(commit, node, true), Trigger.ROLLBACK, approval, listener);
    }

    /** Releases a rollback's pin and applies the branch head. */
    public Outcome resume(NodeIdentity node, Approval approval, RunListener listener) {
        return run(new Intent.Resume(node), Trigger.RESUME, approval, listener);
    }

    private Outcome outcome(Intent intent, Trigger trigger, Planned planned, ApplyReport report, HistoryEntry entry,
                            Duration took) {
        String commit = planned.commit();
        Plan.Summary summary = planned.plan().summary();
        if (!report.succeeded()) {
            // a stack that failed its gate needs a human more than one whose engine did not answer
            Failure failure = report.failed().stream().map(ApplyReport.StackResult::failure)
                    .filter(f -> f != Failure.FAILED).findFirst()
                    .filter(f -> report.failed().stream().noneMatch(s -> s.failure() == Failure.FAILED))
                    .orElse(Failure.FAILED);
            return new Outcome.Failed(trigger, commit, summary, Recording.failureReason(report), failure, report, entry,
                    planned.note(), took);
        }
        if (intent instanceof Intent.Rollback rollback) {
            return new Outcome.RolledBack(trigger, commit, summary, report, entry, rollback.pin(), planned.note(), took);
        }
        if (entry.outcome() == HistoryOutcome.NO_CHANGES) {
            return new Outcome.NoChanges(trigger, commit, summary, entry, planned.note(), took);
        }
        return new Outcome.Applied(trigger, commit, summary, report, entry, planned.note(), took);
    }

    private Duration since(Instant start) {
        return Duration.between(start, clock.instant());
    }

    /** The commit to plan, the digests to pin into it, and what a human should know about the choice. */
    private record Target(String commit, NodeIdentity node, boolean allowEmpty, Map<String, String> digests,
                          String note) {
    }

    private Target target(Intent intent, NodeState state) {
        if (intent instanceof Intent.Rollback rollback) {
            HistoryEntry recorded = recorded(rollback.commit());
            return new Target(recorded.commit(), rollback.node(), false, recorded.digests(), "rolling back to "
                    + Outcomes.shortCommit(recorded.commit()) + " with the image digests recorded for it");
        }
        if (intent instanceof Intent.Resume resume) {
            return new Target(null, resume.node(), false, Map.of(), state.pin() == null
                    ? "node was not pinned" : "pin on " + Outcomes.shortCommit(state.pin().commit()) + " released");
        }
        PlanRequest request = ((Intent.Apply) intent).request();
        if (state.pin() != null && request.commit() == null && source.followsBranch()) {
            String pinned = state.pin().commit();
            return new Target(pinned, request.node(), request.allowEmpty(), recorded(pinned).digests(),
                    "node is pinned to " + Outcomes.shortCommit(pinned) + " by a rollback since "
                            + state.pin().since() + ": barge resume follows the branch again");
        }
        return new Target(request.commit(), request.node(), request.allowEmpty(), Map.of(), null);
    }

    /** The last entry that applied {@code commit} (a prefix is enough), with the digests it ran. */
    private HistoryEntry recorded(String commit) {
        return store.history().stream()
                .filter(e -> e.commit().startsWith(commit) && e.outcome() != HistoryOutcome.FAILED
                        && e.outcome() != HistoryOutcome.REFUSED)
                .reduce((first, second) -> second)
                .orElseThrow(() -> new BargeException(Failure.BAD_INPUT, "commit " + commit
                        + " was never applied on this node, so there are no image digests to restore:"
                        + " barge history lists the commits that were; barge apply --commit deploys any other"));
    }

    private Planned plan(Target target, NodeState state) {
        // source: the commit (or local directory) to plan
        Checkout checkout = source.checkout(target.commit(), state.appliedCommit());
        // config → select → decrypt: every declaration checked, this node's stacks resolved, their secrets in memory only
        Desired desired = Desired.forNode(checkout.tree(), secrets, Optional.empty(), target.node());
        // select: the stacks of this node, each with why
        NodeSlice slice = desired.select(target.node());
        settings.scope().check(slice);
        // the recorded digests pinned before planning, so the plan shown is the plan that runs
        slice = DigestPins.defaultHealthTimeout(DigestPins.pin(slice, target.digests()), settings.healthTimeout());
        // observe: what barge owns in the engine (within the stack scope), and the local images the slice names
        ActualState actual = settings.scope().visible(docker.observe(imageRefs(slice), RecordedOwnership.of(state, hashKey)));
        // plan: pure, against what barge last recorded
        Plan plan = new Planner(hashKey).plan(slice, actual, new PriorState(state.appliedCommit(), state.specHashes()),
                new PlanOptions(checkout.commit(), target.allowEmpty()));
        return new Planned(checkout, slice, actual, plan, desired.state().settings().registries(), target.note());
    }

    private static Set<String> imageRefs(NodeSlice slice) {
        Set<String> refs = new TreeSet<>();
        slice.stacks().forEach(s -> s.stack().project().services().values().forEach(svc -> refs.add(svc.image())));
        return refs;
    }
}
