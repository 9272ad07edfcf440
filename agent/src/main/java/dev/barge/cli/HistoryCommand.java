package dev.barge.cli;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.record.HistoryEntry;
import dev.barge.view.Colour;
import dev.barge.view.HistoryView;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Every apply and rollback recorded on this node, newest first. */
@Command(name = "history", description = {
    "List the applies and rollbacks recorded on this node, newest first: time, commit, trigger, outcome, summary, error.",
    "barge rollback SHA restores one of these commits."})
final class HistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    NodeOptions nodeOptions;
    @Mixin
    EngineOptions engine;

    @Option(names = "--json", description = "Print every field, image digests included, in a versioned JSON object.")
    boolean json;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Show only the N newest entries (default: all kept, up to 10,000).")
    Integer limit;

    @Override
    public Integer call() {
        if (limit != null && limit < 1) {
            throw new BargeException(Failure.USAGE, "--limit must be at least 1, got " + limit);
        }
        BargeCommand root = BargeCommand.root(spec);
        var store = engine.store(nodeOptions.agentConfig());
        List<HistoryEntry> entries = new ArrayList<>(limit == null ? store.history() : store.history(limit));
        // the file is in append order, which is the order things happened even if the clock jumped
        Collections.reverse(entries);
        List<HistoryEntry> shown = limit == null ? entries : entries.subList(0, Math.min(limit, entries.size()));
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? HistoryView.json(shown) : HistoryView.human(shown, Colour.enabled(root.env, root.terminal)));
        out.flush();
        return 0;
    }
}
