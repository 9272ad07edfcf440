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

/**
 * Applies one stack's changes in plan order, exactly the changes that act and nothing else (every
 * effect of apply is a change the plan shows). The first failure stops the stack (what comes after
 * depends on what came before) and is reported; it never escapes, so the next stack still runs.
 */
final class StackRun {

    record Result(StackResult stack, List<ChangeResult> changes, Map<String, String> specHashes) {
    }

    private final DockerGateway gateway;
    private final ApplyOptions options;
    private final ApplyListener listener;
    private final ContainerSteps containers;
    private final SecretFiles secrets;

    StackRun(DockerGateway gateway, ApplyOptions options, ApplyListener listener, SecretFiles secrets) {
        this.gateway = gateway;
        this.options = options;
        this.listener = listener;
        this.secrets = secrets;
        this.containers = new ContainerSteps(gateway, options, secrets);
    }

    /** @param refused why the stack must not be touched at all (an image it needs is missing), or null */
    Result run(String stack, List<Change> changes, BargeException refused) {
        List<ChangeResult> results = new ArrayList<>();
        Map<String, String> hashes = new TreeMap<>();
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
            refused = new BargeException(refused.failure(), redaction.apply(refused.getMessage()), refused);
        }
        BargeException failed = refused;
        boolean changed = false;
        for (Change change : changes) {
            boolean acts = change.acts();
            if (!acts || failed != null) {
                results.add(result(change, acts ? Outcome.SKIPPED : Outcome.UNCHANGED,
                        acts ? "not tried: the stack failed before it" : change.reason().code(), List.of(), 0));
                if (change instanceof ContainerChange c && c.reason() instanceof Reason.InSync) {
                    hashes.put(c.containerName(), c.specHash());
                }
                continue;
            }
            long start = System.nanoTime();
            try {
                String how = carryOut(change);
                changed = true;
                results.add(result(change, Outcome.DONE, how, List.of(), start));
                listener.step(symbol(change) + " " + change.address() + " " + verb(change)
                        + (how.isEmpty() ? "" : " (" + how + ")"));
                if (change instanceof ContainerChange c && c.action() != Action.DELETE) {
                    hashes.put(c.containerName(), c.specHash());
                }
            } catch (ChangeFailure e) {
                String message = redaction.apply(e.getMessage());
                failed = new BargeException(e.failure(), message, e);
                List<String> logTail = e.logTail().stream().map(redaction::apply).toList();
                results.add(result(change, Outcome.FAILED, message, logTail, start));
                listener.step("! " + message);
                logTail.forEach(line -> listener.step("    | " + line));
            } catch (BargeException e) {
                String message = change.address() + " failed: " + redaction.apply(e.getMessage());
                failed = new BargeException(e.failure(), message, e);
                results.add(result(change, Outcome.FAILED, message, List.of(), start));
                listener.step("! " + message);
            } catch (RuntimeException e) {
                // a bug must not take the other stacks down with it
                String message = change.address() + " failed unexpectedly: " + e.getClass().getSimpleName()
                        + ": report it with the output of barge plan";
                failed = new BargeException(Failure.FAILED, message, e);
                results.add(result(change, Outcome.FAILED, message, List.of(), start));
                listener.step("! " + message);
            }
        }
        StackResult outcome;
        if (failed != null) {
            outcome = new StackResult(stack, StackStatus.FAILED, failed.getMessage(), failed.failure());
            if (refused != null) {
                listener.step("! stack " + stack + " was not touched: " + refused.getMessage());
            }
        } else {
            outcome = new StackResult(stack, changed ? StackStatus.APPLIED : StackStatus.UNCHANGED, null, null);
        }
        return new Result(outcome, results, hashes);
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
