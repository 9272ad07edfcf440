package dev.barge.cli;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.reconcile.Approval;
import dev.barge.reconcile.Intent;
import dev.barge.reconcile.Outcome;
import dev.barge.reconcile.Planned;
import dev.barge.reconcile.Reconciler;
import dev.barge.reconcile.RunListener;
import dev.barge.record.Trigger;
import dev.barge.view.Colour;
import dev.barge.view.PlanView;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * What apply, rollback and resume share: show the plan made under the state lock; with nothing to do,
 * record that at once (one plan, nobody asked); else ask (unless --auto-approve) with the lock released,
 * then run exactly the plan approved; print progress and the outcome. Exit codes: 0 applied
 * or no changes, 1 a stack failed or the apply was cancelled (nothing changed), 77 refused by policy.
 */
final class ApplyFlow {
    @Option(names = "--auto-approve", description = "Apply without asking (needed when not on a terminal).")
    boolean autoApprove;

    int run(CommandSpec spec, Reconciler reconciler, Intent intent, Trigger trigger) {
        BargeCommand root = BargeCommand.root(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunListener steps = line -> {
            out.println(line);
            out.flush();
        };
        Planned[] shown = new Planned[1];
        // the plan shown is the one made under the lock, the one that runs (or is asked about)
        RunListener showing = new RunListener() {
            @Override
            public void step(String line) {
                steps.step(line);
            }

            @Override
            public void planned(Planned planned) {
                shown[0] = planned;
                show(planned, root, out);
            }
        };
        if (autoApprove) {
            return report(reconciler.run(intent, trigger, Approval.AUTO, showing), out, err);
        }
        Instant start = Instant.now();
        // nothing to do needs nobody's yes: plan once, under the lock, and record it, as --auto-approve does
        Outcome first = reconciler.run(intent, trigger, Approval.NOTHING_TO_DO, showing);
        if (!(first instanceof Outcome.Cancelled) || shown[0] == null || !shown[0].plan().hasChanges()) {
            return report(first, out, err);
        }
        Planned preview = shown[0];
        if (!root.terminal) {
            throw new BargeException(Failure.USAGE, "not on a terminal, so nothing was applied:"
                    + " pass --auto-approve to apply without asking");
        }
        out.print("Apply these changes? Only 'yes' applies: ");
        out.flush();
        if (!"yes".equals(readLine(root.in))) {
            return report(Outcome.declined(trigger, preview, Duration.between(start, Instant.now())), out, err);
        }
        return report(reconciler.run(intent, trigger, Approval.of(preview.plan()), steps), out, err);
    }

    /** The plan as barge plan shows it, with what a human should know about it. */
    static void show(Planned planned, BargeCommand root, PrintWriter out) {
        out.println("Planning " + planned.checkout().describe() + " for node " + planned.plan().node() + ".");
        out.print(PlanView.human(planned.plan(), Colour.enabled(root.env, root.terminal)));
        if (planned.note() != null) {
            out.println("Note: " + planned.note() + ".");
        }
        out.flush();
    }

    /** Prints the outcome and returns the exit code. */
    static int report(Outcome outcome, PrintWriter out, PrintWriter err) {
        if (outcome instanceof Outcome.Failed failed && failed.report() != null) {
            failed.report().failed().forEach(f -> out.println("Failed: stack " + f.stack() + ": " + f.reason()));
            int count = failed.report().failed().size();
            int stacks = failed.report().stacks().size();
            out.printf("Apply failed for %d of %d stacks%s. barge history shows the record.%n", count, stacks,
                    failed.partial() ? "; the others were applied" : "");
            out.flush();
            return Failure.FAILED.exitCode();
        }
        if (outcome.failureClass().isPresent()) {
            // refused by policy, cancelled, or failed before apply: one line, as every failure
            err.println("barge: " + reason(outcome));
            err.flush();
            return outcome.failureClass().get().exitCode();
        }
        var entry = outcome.recorded().orElseThrow();
        out.printf("Apply complete (%s): %s in %.1fs.%n", entry.outcome(), entry.summary(),
                outcome.duration().toMillis() / 1000.0);
        if (outcome instanceof Outcome.RolledBack rolledBack && rolledBack.pinned()) {
            out.println("Node pinned to " + entry.commit() + ": barge resume follows the branch again.");
        }
        out.flush();
        return 0;
    }

    private static String reason(Outcome outcome) {
        if (outcome instanceof Outcome.Refused refused) {
            return refused.reason();
        }
        if (outcome instanceof Outcome.Cancelled cancelled) {
            return cancelled.reason();
        }
        return ((Outcome.Failed) outcome).reason();
    }

    private static String readLine(BufferedReader in) {
        try {
            String line = in.readLine();
            return line == null ? "" : line.trim();
        } catch (IOException e) {
            return "";
        }
    }
}
