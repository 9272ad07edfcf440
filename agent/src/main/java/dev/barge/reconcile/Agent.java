package dev.barge.reconcile;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig;
import dev.barge.docker.ContainerEvent;
import dev.barge.docker.DockerGateway;
import dev.barge.docker.EngineEvents;
import dev.barge.plan.Action;
import dev.barge.plan.ContainerChange;
import dev.barge.record.NodeState;
import dev.barge.record.StateStore;
import dev.barge.record.Trigger;
import dev.barge.select.NodeIdentity;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code barge agent}: waits for a {@link Wakeup} and reconciles the node through the same
 * {@link Reconciler} (and state lock) as the CLI, one reconcile at a time. Every reconcile ends in one
 * {@link Outcome}, which the log line is rendered from and which is handed to {@code outcomes} (for
 * the status page, metrics and notifications of later work).
 *
 * <ul>
 *   <li>Idle fast path: a wakeup that only polls or announces a push, finding the head that is applied
 *       (or one it will not retry), with no drift since the last successful apply, fetches and compares
 *       and is done: nothing is decrypted, parsed or planned.</li>
 *   <li>A failed apply of a new commit is recorded with the node's desired-state hash and not retried
 *       (nor is a later commit with the same desired state); with {@code on_failure: rollback} the whole
 *       node goes back to the last commit that applied cleanly, with its recorded image digests.</li>
 *   <li>A pin ({@code barge rollback}) keeps the node where it is; {@code barge suspend} pauses all.</li>
 *   <li>The git remote or the engine down: nothing is touched, the outage is logged when it starts and
 *       when it ends, and polls back off (2 s doubling, up to the interval).</li>
 * </ul>
 */
public final class Agent implements EngineEvents {
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    /** How long after a drift event the node is observed. */
    static final Duration DRIFT_SETTLE = Duration.ofMillis(500);

    private final AgentConfig.OnFailure onFailure;
    private final Reconciler reconciler;
    private final StateStore store;
    private final DockerGateway docker;
    private final NodeIdentity node;
    private final Triggers triggers;
    private final StackScope scope;
    private final AgentLog log;
    private final Clock clock;
    private final String listen;
    private final Consumer<Outcome> outcomes;
    private final RestartBudget budget;
    private final Instant started;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /** Set by a cause that needs a plan (drift, startup), cleared by a successful apply. */
    private boolean dirty;
    private volatile boolean applying;
    /** The containers the apply under way (or the last one) changes. */
    private volatile java.util.Set<String> touched = java.util.Set.of();
    /** Services with a correction asked for and not yet under way. */
    private final java.util.Set<String> pendingCorrections = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Engine events from before this instant were caused by barge's own apply. */
    private volatile Instant quietUntil = Instant.MIN;
    private Duration retry = FIRST_RETRY;
    /** Heads not to apply until the branch moves: why, by commit (broken config, same state as a failed one). */
    private final Map<String, String> skipped = new HashMap<>();
    /** Commits whose apply failed for want of a registry or the engine: retried with backoff, not remembered. */
    private final java.util.Set<String> retryable = new java.util.HashSet<>();
    // read by the HTTP threads (status page, /status): volatile, written by the agent's thread only
    private volatile String lastResult = "starting";
    private volatile Instant lastPoll;
    private volatile Head head;
    private Outcome lastOutcome;
    private String reported;
    private boolean reportedSuspension;
    private volatile long lastIdleCpuNanos = -1;
    private volatile long polls;
    private final AgentEvents events;

    public Agent(AgentConfig.OnFailure onFailure, Reconciler reconciler, StateStore store, DockerGateway docker,
                 NodeIdentity node, Triggers triggers, StackScope scope, AgentLog log, Clock clock, String listen,
                 Consumer<Outcome> outcomes) {
        this(onFailure, reconciler, store, docker, node, triggers, scope, log, clock, listen, outcomes, AgentEvents.NONE);
    }

    /** {@code events}: what the outcomes do not carry (fetch errors, drift), for metrics. */
    public Agent(AgentConfig.OnFailure onFailure, Reconciler reconciler, StateStore store, DockerGateway docker,
                 NodeIdentity node, Triggers triggers, StackScope scope, AgentLog log, Clock clock, String listen,
                 Consumer<Outcome> outcomes, AgentEvents events) {
        this.events = events;
        this.onFailure = onFailure;
        this.reconciler = reconciler;
        this.store = store;
        this.docker = docker;
        this.node = node;
        this.triggers = triggers;
        this.scope = scope;
        this.log = log;
        this.clock = clock;
        this.listen = listen;
        this.outcomes = outcomes;
        this.budget = new RestartBudget(clock);
        this.started = clock.instant();
    }

    /** Runs until {@link #stop()}; the step under way when it is called finishes first. */
    public void run() {
        triggers.submit(new Cause.Startup());
        writeAgentFile();
        try (AutoCloseable events = docker.events(this)) {
            while (true) {
                Optional<Wakeup> wakeup = triggers.take();
                if (wakeup.isEmpty()) {
                    break;
                }
                handle(wakeup.get());
                writeAgentFile();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            AgentFile.remove(store.dir());
        }
    }

    /** Asks the loop to end after the step it is running. */
    public void stop() {
        triggers.stop();
    }

    /** The outcome of the last reconcile, null before the first. */
    public synchronized Outcome lastOutcome() {
        return lastOutcome;
    }

    /** What the agent file says, as of now (for the status page and /status). */
    public AgentFile snapshot() {
        return new AgentFile(ProcessHandle.current().pid(), started, listen, lastPoll, lastResult, triggers.nextPoll(),
                polls, lastIdleCpuNanos < 0 ? null : lastIdleCpuNanos / 1000);
    }

    /** The branch head the last poll fetched; empty before the first fetch. */
    public Optional<Head> head() {
        return Optional.ofNullable(head);
    }

    /** A fetched commit, without its tree (which the agent must not keep alive between polls). */
    public record Head(String commit, String message, String author, Instant time) {
    }

    void handle(Wakeup wakeup) {
        long cpuBefore = threads.getCurrentThreadCpuTime();
        polls++;
        log.polled();
        lastPoll = clock.instant();
        Optional<String> suspended = AgentSuspension.of(store.dir());
        if (suspended.isPresent()) {
            if (!reportedSuspension) {
                log.line("suspended (" + suspended.get() + "): not reconciling until barge resume");
                reportedSuspension = true;
            }
            lastResult = "suspended";
            dirty |= wakeup.forcesPlan();
            return;
        }
        if (reportedSuspension) {
            log.line("no longer suspended: reconciling again");
            reportedSuspension = false;
            dirty = true;
        }
        dirty |= wakeup.forcesPlan();
        settle(wakeup);
        NodeState state = store.read();
        String head;
        try {
            Checkout checkout = reconciler.source().checkout(null, state.appliedCommit());
            head = checkout.commit();
            this.head = checkout.snapshot().map(s -> new Head(s.commit(), s.message(), s.author(), s.commitTime()))
                    .orElse(null);
            log.recovered("git remote");
        } catch (BargeException e) {
            events.sourceError(AgentEvents.fetchErrorKind(e.failure()));
            if (e.failure() == Failure.RETRY_LATER) {
                log.outage("git remote", e.getMessage());
                lastResult = "git remote unavailable";
                backOff();
            } else {
                lastResult = "cannot fetch: " + e.getMessage();
                reportOnce(lastResult);
            }
            return;
        }
        if (state.pin() != null) {
            if (!head.equals(state.pin().commit())) {
                reportOnce("pinned to " + Outcomes.shortCommit(state.pin().commit()) + " by a rollback: "
                        + Outcomes.shortCommit(head) + " is waiting on the branch; barge resume follows it");
            }
            if (dirty) {
                reconcile(null, wakeup.trigger(), state); // the reconciler stays on the pin, with its digests
            } else {
                idle(cpuBefore, "pinned at " + Outcomes.shortCommit(state.pin().commit()));
            }
            return;
        }
        String skip = head.equals(state.appliedCommit()) ? null : whyNotApply(head, state);
        if (!dirty && (head.equals(state.appliedCommit()) || skip != null)) {
            idle(cpuBefore, skip != null ? skip : "no change at " + Outcomes.shortCommit(head));
            return;
        }
        // drift while the head is one not to apply: correct it at the last good commit
        String target = skip == null ? head : state.appliedCommit();
        if (target == null) {
            lastResult = skip;
            return;
        }
        reconcile(target, wakeup.trigger(), state);
    }

    /**
     * Lets the engine finish what a drift event announced (docker rm -f is a die, then a destroy a
     * moment later) before the node is observed, so the correction does not plan on a vanishing container.
     */
    private void settle(Wakeup wakeup) {
        if (wakeup.drifts().isEmpty()) {
            return;
        }
        long wait = DRIFT_SETTLE.toMillis() - Duration.between(wakeup.since(), clock.instant()).toMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Why the agent will not apply {@code head} (logged once per head), or null when it should: it
     * failed before, its config is broken, or it gives this node the desired state a failed commit had.
     */
    private String whyNotApply(String head, NodeState state) {
        String known = skipped.get(head);
        if (known != null) {
            return known;
        }
        String why = null;
        NodeState.FailedCommit failed = retryable.contains(head) ? null : state.failedCommits().get(head);
        if (failed != null) {
            why = "not retrying " + Outcomes.shortCommit(head) + ": it failed before (" + failed.reason()
                    + "); push a fix or run barge apply";
        } else if (!state.failedCommits().isEmpty()) {
            // a new commit: plan it (once) to see whether it changes what failed for this node
            try {
                String hash = reconciler.plan(new Intent.Apply(new PlanRequest(head, node, false))).desiredHash();
                why = state.failedCommits().entrySet().stream().filter(e -> hash.equals(e.getValue().desiredHash()))
                        .findFirst().map(e -> "not applying " + Outcomes.shortCommit(head) + ": it asks this node for"
                                + " the same as " + Outcomes.shortCommit(e.getKey()) + ", which failed ("
                                + e.getValue().reason() + ")").orElse(null);
            } catch (BargeException e) {
                if (e.failure() == Failure.RETRY_LATER) {
                    return null; // let the reconcile meet the outage and back off
                }
                why = "not applying " + Outcomes.shortCommit(head) + ": " + e.getMessage();
            }
        }
        if (why != null) {
            skipped.put(head, why);
            log.line(why);
        }
        return why;
    }

    private void idle(long cpuBefore, String result) {
        retry = FIRST_RETRY;
        lastResult = result;
        lastIdleCpuNanos = threads.getCurrentThreadCpuTime() - cpuBefore;
    }

    private void reconcile(String commit, Trigger trigger, NodeState before) {
        log.line(trigger + ": reconciling " + (commit == null ? "the pinned commit" : Outcomes.shortCommit(commit)));
        Outcome outcome = run(new Intent.Apply(new PlanRequest(commit, node, false)), trigger, commit);
        if (outcome instanceof Outcome.Applied || outcome instanceof Outcome.NoChanges) {
            dirty = false;
            retry = FIRST_RETRY;
            if (!outcome.commit().equals(before.appliedCommit())) {
                budget.reset();
            }
        } else if (outcome instanceof Outcome.Failed f && f.entry() == null && f.failure() == Failure.RETRY_LATER) {
            backOff(); // before a plan: the engine or the state lock; nothing was changed
        } else if (outcome instanceof Outcome.Failed f && f.entry() != null && f.failure() == Failure.RETRY_LATER) {
            // a registry or the engine did not answer: not the commit's fault, so it is tried again, later
            retryable.add(f.commit());
            backOff();
        } else if (outcome instanceof Outcome.Failed f && f.entry() != null) {
            dirty = false;
            retryable.remove(f.commit());
            rollBack(f, before);
        } else {
            // broken config, refused: the same commit would fail alike; wait for the branch to move
            dirty = false;
            if (commit != null) {
                skipped.put(commit, outcome.describe());
            }
        }
    }

    private void rollBack(Outcome.Failed failed, NodeState before) {
        String good = before.appliedCommit();
        if (good != null && good.equals(failed.commit())) {
            // correcting drift at the applied commit failed (e.g. the engine was still removing a container):
            // nothing to roll back to, so try again on the next poll, backing off
            dirty = true;
            backOff();
            return;
        }
        if (onFailure == AgentConfig.OnFailure.STOP || good == null) {
            log.line(good == null ? "nothing earlier to roll back to: the node is left as it is"
                    : "on_failure: stop: the node is left as it is; " + Outcomes.shortCommit(failed.commit())
                            + " is not retried");
            return;
        }
        log.line("rolling the node back to " + Outcomes.shortCommit(good) + ", the last commit that applied cleanly");
        Outcome back = run(new Intent.Rollback(good, node, false, "after " + Outcomes.shortCommit(failed.commit())
                + " failed: " + failed.reason()), Trigger.AUTO_ROLLBACK, good);
        dirty = !(back instanceof Outcome.RolledBack);
    }

    /** One reconcile under the state lock, its outcome logged and published. */
    private Outcome run(Intent intent, Trigger trigger, String commit) {
        Instant start = clock.instant();
        applying = true;
        pendingCorrections.clear();
        Outcome outcome;
        try {
            outcome = reconciler.run(intent, trigger, Approval.AUTO, new RunListener() {
                @Override
                public void planned(Planned planned) {
                    planned.plan().warnings().forEach(w -> log.line("  warning: " + w));
                    // the containers this apply stops, replaces or removes: their events are barge's own doing
                    touched = planned.plan().changes().stream()
                            .filter(c -> c instanceof ContainerChange cc && cc.action() != Action.NONE)
                            .map(c -> ((ContainerChange) c).containerName())
                            .collect(java.util.stream.Collectors.toUnmodifiableSet());
                }

                @Override
                public void step(String line) {
                    log.line("  " + line);
                }
            });
            log.recovered("engine");
        } catch (BargeException e) {
            outcome = Outcome.beforePlan(trigger, commit, e, Duration.between(start, clock.instant()));
            if (e.failure() == Failure.RETRY_LATER) {
                log.outage(e.getMessage().contains(" is locked by ") ? "state lock" : "engine", e.getMessage());
            }
        } finally {
            quietUntil = clock.instant();
            applying = false;
        }
        synchronized (this) {
            lastOutcome = outcome;
        }
        lastResult = outcome.describe();
        if (!(outcome instanceof Outcome.Failed f && f.entry() == null && f.failure() == Failure.RETRY_LATER)) {
            log.summary(outcome);
        }
        outcomes.accept(outcome);
        return outcome;
    }

    private void backOff() {
        triggers.pollIn(retry);
        retry = retry.multipliedBy(2).compareTo(triggers.interval()) > 0 ? triggers.interval() : retry.multipliedBy(2);
    }

    private void reportOnce(String line) {
        if (!line.equals(reported)) {
            reported = line;
            log.line(line);
        }
    }

    @Override
    public void event(ContainerEvent event) {
        if (event.stack() == null || !scope.covers(event.stack()) || event.container().endsWith("-barge-old")) {
            return;
        }
        // the agent's own replaces and deletes stop and remove containers: not drift
        if (touched.contains(event.container()) && (applying || event.time().isBefore(quietUntil))) {
            return;
        }
        String service = event.stack() + "/" + event.service();
        if (!pendingCorrections.add(service)) {
            return; // docker rm -f is a die and a destroy: one correction
        }
        switch (budget.tryCorrect(service)) {
            case CORRECT -> {
                events.drift(event.stack(), AgentEvents.CORRECT);
                log.line("drift: " + event.container() + " " + event.action());
                triggers.submit(new Cause.Drift(event.stack(), event.service(), event.container(), event.action()));
            }
            case EXHAUSTED -> {
                events.drift(event.stack(), AgentEvents.REPORT);
                log.line(service + " keeps failing (" + RestartBudget.MAX + " corrections in "
                        + RestartBudget.WINDOW.toMinutes() + " minutes): left alone until a new commit is applied");
            }
            case GIVEN_UP -> events.drift(event.stack(), AgentEvents.REPORT);
        }
    }

    @Override
    public void lost(String message) {
        log.outage("engine", message);
    }

    @Override
    public void reconnected() {
        log.recovered("engine");
        triggers.submit(new Cause.Reconnect());
    }

    private void writeAgentFile() {
        try {
            snapshot().write(store.dir());
        } catch (IOException e) {
            log.line("cannot write " + store.dir().resolve(AgentFile.NAME) + ": " + e.getMessage()
                    + " (barge status will not see this agent)");
        }
    }
}
