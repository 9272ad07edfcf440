package dev.barge.cli;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.apply.ApplyListener;
import dev.barge.reconcile.Applied;
import dev.barge.reconcile.Planned;
import dev.barge.view.Colour;
import dev.barge.view.PlanView;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Predicate;
import picocli.CommandLine.Option;

/** What apply, rollback and resume share: show the plan, ask (unless --auto-approve), print progress and the outcome. */
final class ApplyFlow {
    @Option(names = "--auto-approve", description = "Apply without asking (needed when not on a terminal).")
    boolean autoApprove;

    Predicate<Planned> approval(BargeCommand root, PrintWriter out) {
        return planned -> {
            out.println("Planning " + planned.checkout().describe() + " for node " + planned.plan().node() + ".");
            out.print(PlanView.human(planned.plan(), Colour.enabled(root.env, root.terminal)));
            if (!planned.plan().hasChanges() || autoApprove) {
                return true;
            }
            if (!root.terminal) {
                throw new BargeException(Failure.USAGE, "not on a terminal, so nothing was applied:"
                        + " pass --auto-approve to apply without asking");
            }
            out.print("Apply these changes? Only 'yes' applies: ");
            out.flush();
            return "yes".equals(readLine(root.in));
        };
    }

    static ApplyListener progress(PrintWriter out) {
        return line -> {
            out.println(line);
            out.flush();
        };
    }

    /** Prints the outcome and returns the exit code: 0 when every stack applied, 1 otherwise. */
    static int report(Applied applied, PrintWriter out) {
        var report = applied.report();
        if (applied.note() != null) {
            out.println("Note: " + applied.note() + ".");
        }
        if (report.succeeded()) {
            out.printf("Apply complete (%s): %s in %.1fs.%n", applied.entry().outcome(), applied.entry().summary(),
                    report.duration().toMillis() / 1000.0);
            return 0;
        }
        report.failed().forEach(f -> out.println("Failed: stack " + f.stack() + ": " + f.reason()));
        int failed = report.failed().size();
        int stacks = report.stacks().size();
        out.printf("Apply failed for %d of %d stacks%s. barge history shows the record.%n", failed, stacks,
                failed < stacks ? "; the others were applied" : "");
        return Failure.FAILED.exitCode();
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
