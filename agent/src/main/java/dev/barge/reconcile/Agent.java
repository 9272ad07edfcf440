package dev.barge.reconcile;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig;
import dev.barge.docker.ContainerEvent;
import dev.barge.docker.DockerGateway;
import dev.barge.docker.EngineEvents;
import dev.barge.record.NodeState;
import dev.barge.record.StateStore;
import dev.barge.select.NodeIdentity;
import dev.barge.source.GitSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code barge agent}: waits for a {@link Wakeup}, and reconciles the node through the same
 * {@link Reconciler} (and state lock) as the CLI, one reconcile at a time.
 *
 * <ul>
 *   <li>Idle fast path: a wakeup that only polls or announces a push, finding the head that is
 *       applied (or a failed commit it will not retry), with no drift since, fetches and compares and
 *       is done: nothing is decrypted, parsed or planned.</li>
 *   <li>A failed apply of a new commit is remembered (the reconciler records it) and not retried on
 *       every poll; with {@code on_failure: rollback} the whole node goes back to the last commit that
 *       applied cleanly, with its recorded image digests.</li>
 *   <li>A pin ({@code barge rollback}) keeps the node where it is; a suspension pauses everything.</li>
 *   <li>The git remote or the engine down: nothing is touched, the outage is logged at its start and
 *       its end, polls back off (2 s doubling, up to the interval).</li>
 * </ul>
 */
public final class Agent implements EngineEvents {
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);

    private final AgentConfig config;
    private final Reconciler reconciler;
    private final GitSource source;
    private final StateStore store;
    private final DockerGateway docker;
    private final NodeIdentity node;
    private final Triggers triggers;
    private final RestartBudget budget;
    private final StackScope scope;
    private final AgentLog log;
    private final Clock clock;
    private final String listen;
    private final Instant started;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /** Set by a drift cause, cleared by a successful apply: the idle fast path is off while set. */
    private boolean dirty;
    private volatile boolean applying;
    /** Engine events from before this instant were caused by barge's own apply. */
    private volatile Instant quietUntil = Instant.MIN;
    private Duration retry = FIRST_RETRY;
    private String lastResult = "starting";
    private Instant lastPoll;
    private String reportedHead;
    private boolean reportedSuspension;
    private long lastIdleCpuNanos = -1;

    public Agent(AgentConfig config, Reconciler reconciler, GitSource source, StateStore store, DockerGateway docker,
                 NodeIdentity node, Triggers triggers, StackScope scope, AgentLog log, Clock clock, String listen) {
        this.config = config;
        this.reconciler = reconciler;
        this.source = source;
        this.store = store;
        this.docker = docker;
        this.node = node;
        this.triggers = triggers;
        this.scope = scope;
        this.log = log;
        this.clock = clock;
        this.listen = listen;
        this.budget = new RestartBudget(clock);
        this.started = clock.instant();
    }

    /** Runs until {@link #stop()}: the running step finishes first. */
    public void run() {
        triggers.submit(new Cause.Startup());
        writeAgentFile(false);
        try (AutoCloseable events = docker.events(this)) {
            while (true) {
                Optional<Wakeup> wakeup = triggers.take();
                if (wakeup.isEmpty()) {
                    break;
                }
                handle(wakeup.get());
                writeAgentFile(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        } finally {
            AgentFile.remove(store.dir());
        }
    }

    /** Asks the loop to end after the step it is running. */
    public void stop() {
        triggers.stop();
    }

    /** The CPU time the last idle poll took on the agent's thread, in nanoseconds; -1 before the first. */
    public long lastIdleCpuNanos() {
        return lastIdleCpuNanos;
    }

    void handle(Wakeup wakeup) {
        long cpuBefore = threads.getCurrentThreadCpuTime();
        lastPoll = clock.instant();
        Optional<String> suspended = AgentSuspension.of(store.dir());
        if (suspended.isPresent()) {
            if (!reportedSuspension) {
                log.line("suspended (" + suspended.get() + "): not reconciling until barge resume");
                reportedSuspension = true;
            }
            lastResult = "suspended";
            return;
        }
        if (reportedSuspension) {
            log.line("suspension lifted: reconciling again");
            reportedSuspension = false;
        }
        dirty |= wakeup.forcesPlan();
        NodeState state = store.read();
        String head;
        try {
            head = source.fetch().commit();
            log.recovered("git remote");
        } catch (BargeException e) {
            if (e.failure() != Failure.RETRY_LATER) {
                lastResult = "fetch failed: " + e.getMessage();
                log.line("cannot fetch " + source.describe() + ": " + e.getMessage());
                return;
            }
            log.outage("git remote", e.getMessage());
            lastResult = "git remote unavailable";
            backOff();
            return;
        }
        if (state.pin() != null) {
            if (!head.equals(reportedHead) && !head.equals(state.pin().commit())) {
                log.line("pinned to " + shortSha(state.pin().commit()) + " by a rollback: " + shortSha(head)
                        + " is waiting on the branch; barge resume follows it");
            }
            reportedHead = head;
            if (!dirty) {
                idle(cpuBefore, "pinned at " + shortSha(state.pin().commit()));
                return;
            }
            reconcile(state.pin().commit(), wakeup, state);
            return;
        }
        boolean failedBefore = state.failedCommits().containsKey(head) && !head.equals(state.appliedCommit());
        if (!dirty && (head.equals(state.appliedCommit()) || failedBefore)) {
            if (failedBefore && !head.equals(reportedHead)) {
                log.line("not retrying " + shortSha(head) + ": it failed before ("
                        + state.failedCommits().get(head) + "); push a fix or run barge apply");
            }
            reportedHead = head;
            idle(cpuBefore, failedBefore ? "failed commit " + shortSha(head) + " not retried"
                    : "no change at " + shortSha(head));
            return;
        }
        reportedHead = head;
        // drift on a node whose head failed: correct it at the last good commit, do not retry the failed one
        String target = failedBefore ? state.appliedCommit() : head;
        if (target == null) {
            lastResult = "nothing applied yet and " + shortSha(head) + " failed before";
            return;
        }
        reconcile(target, wakeup, state);
    }

    private void idle(long cpuBefore, String result) {
        retry = FIRST_RETRY;
        lastResult = result;
        lastIdleCpuNanos = threads.getCurrentThreadCpuTime() - cpuBefore;
    }

    private void reconcile(String commit, Wakeup wakeup, NodeState before) {
        String trigger = wakeup.primaryKind();
        log.line(trigger + ": reconciling " + shortSha(commit) + " (woken by " + wakeup.kinds() + ")");
        applying = true;
        try {
            Applied applied = reconciler.apply(new PlanRequest(null, commit, node, false), trigger, planned -> true,
                    line -> log.line("  " + line));
            log.recovered("engine");
            if (applied.succeeded()) {
                dirty = false;
                retry = FIRST_RETRY;
                if (!commit.equals(before.appliedCommit())) {
                    budget.reset();
                }
                lastResult = applied.entry().outcome() + " " + shortSha(commit) + ": " + applied.entry().summary();
                log.line(lastResult);
                return;
            }
            lastResult = "failed " + shortSha(commit) + ": " + applied.entry().error();
            log.line(lastResult);
            onFailure(commit, before, applied.entry().error());
        } catch (BargeException e) {
            if (e.failure() == Failure.RETRY_LATER) {
                log.outage("engine", e.getMessage());
                lastResult = "engine or state lock unavailable";
                backOff();
                return;
            }
            lastResult = "failed " + shortSha(commit) + ": " + e.getMessage();
            log.line(lastResult);
            dirty = false; // a broken commit is not retried until the next one (or drift) asks again
        } finally {
            quietUntil = clock.instant();
            applying = false;
        }
    }

    private void onFailure(String failed, NodeState before, String reason) {
        String good = before.appliedCommit();
        if (config.onFailure() == AgentConfig.OnFailure.STOP || good == null || good.equals(failed)) {
            dirty = false;
            log.line(good == null || good.equals(failed) ? "nothing earlier to roll back to: leaving the node as it is"
                    : "on_failure: stop: leaving the node as it is; " + shortSha(failed) + " is not retried");
            return;
        }
        log.line("rolling the node back to " + shortSha(good) + ", the last commit that applied cleanly");
        Applied back = reconciler.apply(new PlanRequest(null, good, node, false), "auto-rollback", planned -> true,
                line -> log.line("  " + line));
        dirty = !back.succeeded();
        lastResult = (back.succeeded() ? "rolled back to " : "rollback failed at ") + shortSha(good)
                + " after " + shortSha(failed) + " failed";
        log.line(lastResult);
    }

    private void backOff() {
        triggers.pollIn(retry);
        retry = retry.multipliedBy(2).compareTo(triggers.interval()) > 0 ? triggers.interval() : retry.multipliedBy(2);
    }

    @Override
    public void event(ContainerEvent event) {
        if (event.stack() == null || !scope.covers(event.stack()) || event.container().endsWith("-barge-old")) {
            return;
        }
        // the agent's own replaces and deletes stop and remove containers: not drift
        if (applying || event.time().isBefore(quietUntil)) {
            return;
        }
        String service = event.stack() + "/" + event.service();
        switch (budget.tryCorrect(service)) {
            case CORRECT -> {
                log.line("drift: " + event.container() + " " + event.action());
                triggers.submit(new Cause.Drift(event.stack(), event.service(), event.container(), event.action()));
            }
            case EXHAUSTED -> log.line(service + " keeps failing (" + RestartBudget.MAX + " corrections in "
                    + RestartBudget.WINDOW.toMinutes() + " minutes): left alone until a new commit is applied");
            case GIVEN_UP -> {
            }
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

    private void writeAgentFile(boolean stopping) {
        try {
            new AgentFile(ProcessHandle.current().pid(), started, listen, lastPoll, lastResult, triggers.nextPoll(),
                    stopping, lastIdleCpuNanos < 0 ? null : lastIdleCpuNanos / 1000).write(store.dir());
        } catch (IOException e) {
            log.line("cannot write " + store.dir().resolve(AgentFile.NAME) + ": " + e.getMessage()
                    + " (barge status will not see this agent)");
        }
    }

    static String shortSha(String commit) {
        return commit == null ? "(none)" : commit.length() > 8 ? commit.substring(0, 8) : commit;
    }
}
