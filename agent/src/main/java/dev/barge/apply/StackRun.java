package dev.barge.apply;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.apply.ApplyReport.ChangeResult;
import dev.barge.apply.ApplyReport.Outcome;
import dev.barge.apply.ApplyReport.StackResult;
import dev.barge.apply.ApplyReport.StackStatus;
import dev.barge.config.model.NetworkSpec;
import dev.barge.config.model.VolumeSpec;
import dev.barge.docker.DockerGateway;
import dev.barge.config.model.Redaction;
import dev.barge.plan.Action;
import dev.barge.plan.Change;
import dev.barge.plan.ContainerChange;
import dev.barge.plan.NetworkChange;
import dev.barge.plan.Reason;
import dev.barge.plan.VolumeChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Applies one stack's changes, exactly the changes that act and nothing else (every effect of apply
 * is a change the plan shows). Changes run on the shared {@link Scheduler} in the order
 * {@link ChangeGraph} requires: independent services side by side, a service after those it depends
 * on. A failure skips what waits for it (what comes after depends on what came before) and is
 * reported; it never escapes, so other branches and the next stack still run. The report lists the
 * changes in plan order whatever order they finished in.
 */
final class StackRun {

    record Result(StackResult stack, List<ChangeResult> changes, Map<String, String> specHashes) {
    }

    /** A stack whose changes are scheduled; {@link #collect} waits for them. */
    record Pending(String stack, BargeException refused, List<CompletableFuture<Done>> futures) {
    }

    /** One change's outcome; {@code failure} is set for FAILED, {@code hash} when its container now runs its spec. */
    record Done(ChangeResult result, BargeException failure, String containerName, String hash) {
        boolean ok() {
            return result.outcome() == Outcome.DONE || result.outcome() == Outcome.UNCHANGED;
        }
    }

    private final DockerGateway gateway;
    private final ApplyListener listener;
    private final ContainerSteps containers;
    private final SecretFiles secrets;
    private final Scheduler scheduler;

    /** @param listener called from several threads: it must take one call at a time */
    StackRun(DockerGateway gateway, ApplyOptions options, ApplyListener listener, SecretFiles secrets,
             Scheduler scheduler) {
        this.gateway = gateway;
        this.listener = listener;
        this.secrets = secrets;
        this.scheduler = scheduler;
        this.containers = new ContainerSteps(gateway, options, secrets);
    }

    /** @param refused why the stack must not be touched at all (an image it needs is missing), or null */
    Pending schedule(String stack, List<Change> changes, BargeException refused) {
        if (refused == null && needsSecrets(changes)) {
            try {
                // refused before anything of the stack is created: a secret never goes to the disk instead
                secrets.ensureTmpfs();
            } catch (BargeException e) {
                refused = e;
            }
        }
        // the one point apply's messages pass before they reach the report, the listener and history
        Redaction redaction = redaction(changes);
        if (refused != null) {
            BargeException why = new BargeException(refused.failure(), redaction.apply(refused.getMessage()), refused);
            List<CompletableFuture<Done>> skipped = changes.stream()
                    .map(c -> CompletableFuture.completedFuture(skipped(c, "not tried: the stack failed before it")))
                    .toList();
            return new Pending(stack, why, skipped);
        }
        List<Scheduler.Step<Done>> steps = changes.stream()
                .<Scheduler.Step<Done>>map(c -> new ChangeStep(c, redaction)).toList();
        return new Pending(stack, null, scheduler.submit(steps, ChangeGraph.of(changes), Done::ok));
    }

    /** Waits for the stack's changes and reports them in plan order; the first failure in that order is the stack's. */
    Result collect(Pending pending) {
        List<Done> done = scheduler.await(pending.futures());
        List<ChangeResult> results = new ArrayList<>();
        Map<String, String> hashes = new TreeMap<>();
        BargeException failed = pending.refused();
        boolean changed = false;
        for (Done d : done) {
            results.add(d.result());
            if (d.hash() != null) {
                hashes.put(d.containerName(), d.hash());
            }
            changed |= d.result().outcome() == Outcome.DONE;
            if (failed == null && d.failure() != null) {
                failed = d.failure();
            }
        }
        StackResult outcome;
        if (failed != null) {
            outcome = new StackResult(pending.stack(), StackStatus.FAILED, failed.getMessage(), failed.failure());
            if (pending.refused() != null) {
                lines("! stack " + pending.stack() + " was not touched: " + pending.refused().getMessage());
            }
        } else {
            outcome = new StackResult(pending.stack(), changed ? StackStatus.APPLIED : StackStatus.UNCHANGED, null, null);
        }
        return new Result(outcome, results, hashes);
    }

    /** One change as the scheduler runs it. */
    private final class ChangeStep implements Scheduler.Step<Done> {
        private final Change change;
        private final Redaction redaction;

        ChangeStep(Change change, Redaction redaction) {
            this.change = change;
            this.redaction = redaction;
        }

        @Override
        public Done skip(Scheduler.Skip why) {
            return skipped(change, why == Scheduler.Skip.INTERRUPTED ? "not tried: apply was interrupted before it"
                    : "not tried: a change it waits for failed");
        }

        @Override
        public Done run() {
            if (!change.acts()) {
                return skipped(change, null);
            }
            long start = System.nanoTime();
            try {
                String how = carryOut(change);
                lines(symbol(change) + " " + change.address() + " " + verb(change) + (how.isEmpty() ? "" : " (" + how + ")"));
                String hash = change instanceof ContainerChange c && c.action() != Action.DELETE ? c.specHash() : null;
                return new Done(result(change, Outcome.DONE, how, List.of(), start), null, name(change), hash);
            } catch (ChangeFailure e) {
                String message = redaction.apply(e.getMessage());
                List<String> logTail = e.logTail().stream().map(redaction::apply).toList();
                List<String> out = new ArrayList<>(List.of("! " + message));
                logTail.forEach(line -> out.add("    | " + line));
                lines(out.toArray(String[]::new));
                return failed(result(change, Outcome.FAILED, message, logTail, start), e);
            } catch (BargeException e) {
                String message = change.address() + " failed: " + redaction.apply(e.getMessage());
                lines("! " + message);
                return failed(result(change, Outcome.FAILED, message, List.of(), start), e);
            } catch (RuntimeException e) {
                // a bug must not take the other stacks down with it
                String message = change.address() + " failed unexpectedly: " + e.getClass().getSimpleName()
                        + ": report it with the output of barge plan";
                lines("! " + message);
                return failed(result(change, Outcome.FAILED, message, List.of(), start),
                        new BargeException(Failure.FAILED, message, e));
            }
        }

        private Done failed(ChangeResult result, BargeException cause) {
            Failure kind = cause.failure();
            return new Done(result, new BargeException(kind, result.detail(), cause), name(change), null);
        }
    }

    /** A change not carried out: unchanged ({@code why} null), or skipped for {@code why}. */
    private static Done skipped(Change change, String why) {
        boolean acts = change.acts();
        ChangeResult r = result(change, acts ? Outcome.SKIPPED : Outcome.UNCHANGED,
                acts ? why : change.reason().code(), List.of(), 0);
        // a container already in sync keeps running its spec whatever happened around it
        String hash = change instanceof ContainerChange c && c.reason() instanceof Reason.InSync ? c.specHash() : null;
        return new Done(r, null, name(change), hash);
    }

    private static String name(Change change) {
        return change instanceof ContainerChange c ? c.containerName() : null;
    }

    /** Lines of one change go out together, not interleaved with another change's. */
    private void lines(String... out) {
        synchronized (listener) {
            for (String line : out) {
                listener.step(line);
            }
        }
    }

    /** The secret values the stack's services were resolved with, for cleaning messages that echo them. */
    private static Redaction redaction(List<Change> changes) {
        Redaction redaction = Redaction.NONE;
        for (Change change : changes) {
            if (change instanceof ContainerChange c && c.stack() != null) {
                redaction = redaction.and(c.stack().redaction());
            }
        }
        return redaction;
    }

    private static boolean needsSecrets(List<Change> changes) {
        return changes.stream().anyMatch(ch -> ch instanceof ContainerChange c && c.service() != null
                && !c.service().secrets().isEmpty()
                && (c.action() == Action.CREATE || c.action() == Action.REPLACE || c.action() == Action.START));
    }

    private String carryOut(Change change) {
        if (change instanceof ContainerChange c) {
            return containers.apply(c);
        }
        if (change instanceof NetworkChange n) {
            if (n.action() == Action.CREATE) {
                NetworkSpec d = n.desired();
                gateway.createNetwork(new NetworkSpec(d.key(), n.address().name(), d.driver(), d.external(),
                        d.internal(), d.labels(), d.driverOpts()), n.labels());
            } else {
                gateway.removeNetwork(n.currentId() != null ? n.currentId() : n.address().name());
            }
            return "";
        }
        VolumeChange v = (VolumeChange) change;
        switch (v.action()) {
            case CREATE -> {
                VolumeSpec d = v.desired();
                gateway.createVolume(new VolumeSpec(d.key(), v.address().name(), d.driver(), d.external(), d.labels(),
                        d.driverOpts()), v.labels());
            }
            case DELETE -> gateway.removeVolume(v.address().name());
            default -> throw new IllegalStateException(v.action() + " of " + v.address() + " is not something apply does");
        }
        return "";
    }

    private String symbol(Change c) {
        return switch (c.action()) {
            case CREATE -> "+";
            case REPLACE -> "~";
            case DELETE -> "-";
            case START -> ">";
            case NONE -> "#";
        };
    }

    private String verb(Change c) {
        return switch (c.action()) {
            case CREATE -> "created";
            case REPLACE -> "replaced";
            case DELETE -> "deleted";
            case START -> "started";
            case NONE -> "unchanged";
        };
    }

    private static ChangeResult result(Change c, Outcome outcome, String detail, List<String> logs, long startNanos) {
        Duration took = startNanos == 0 ? Duration.ZERO : Durations.since(startNanos);
        return new ChangeResult(c.address(), c.action(), outcome, detail, logs, took);
    }
}
