package dev.barge.view;

import dev.barge.select.NodeSlice;
import java.io.PrintWriter;
import java.util.stream.Collectors;

/** Which stacks a node runs and why, and which deployments it skips and why not. */
public final class SliceView {
    private SliceView() {
    }

    public static void explain(NodeSlice slice, PrintWriter out) {
        String labels = slice.node().labels().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        out.printf("Node %s (%s)%n", Printable.escape(slice.node().name()), labels.isEmpty() ? "no labels" : Printable.escape(labels));
        if (slice.stacks().isEmpty()) {
            out.println("Runs no stack.");
        } else {
            out.println("Runs:");
            int width = slice.stacks().stream().mapToInt(s -> address(s).length()).max().orElse(0);
            for (NodeSlice.Selected s : slice.stacks()) {
                out.printf("  + %-" + width + "s  %s%n", address(s), Printable.escape(s.why()));
            }
        }
        if (!slice.rejected().isEmpty()) {
            out.println("Skips:");
            int width = slice.rejected().stream().mapToInt(r -> Printable.escape(r.deployment()).length()).max().orElse(0);
            for (NodeSlice.Rejected r : slice.rejected()) {
                out.printf("  - %-" + width + "s  %s%n", Printable.escape(r.deployment()), Printable.escape(r.why()));
            }
        }
    }

    private static String address(NodeSlice.Selected s) {
        return Printable.escape(s.stack().deployment() + "/" + s.stack().name());
    }
}
