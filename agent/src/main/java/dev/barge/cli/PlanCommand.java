package dev.barge.cli;

import dev.barge.reconcile.PlanRequest;
import dev.barge.reconcile.Planned;
import dev.barge.view.PlanView;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Shows what apply would change on this node, and why, without changing anything. */
@Command(name = "plan", description = {
    "Show the changes apply would make to this node's Docker engine, each with its reason.",
    "While a rollback pins the node, plan without --commit shows the pinned commit with its recorded image digests.",
    "Exit codes: 0 planned (no changes, or changes without --exit-code), 2 changes with --exit-code."})
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    NodeOptions nodeOptions;
    @Mixin
    EngineOptions engine;

    @Option(names = "--repo", paramLabel = "DIR", description = "Plan a local directory as it is (uncommitted edits included), or its --commit.")
    java.nio.file.Path repo;

    @Option(names = "--commit", paramLabel = "SHA", description = "Plan this commit instead of the branch head.")
    String commit;

    @Option(names = "--json", description = "Print the plan in the versioned JSON format (schema/plan.schema.json).")
    boolean json;

    @Option(names = "--exit-code", description = "Exit 2 when the plan has changes, 0 when it has none.")
    boolean exitCode;

    @Option(names = "--allow-empty", description = "Allow a plan that deletes every barge container (nothing selects this node).")
    boolean allowEmpty;

    @Override
    public Integer call() {
        BargeCommand root = BargeCommand.root(spec);
        var agent = nodeOptions.agentConfig();
        var node = nodeOptions.identityOrHost(agent);
        Planned planned;
        try (var session = engine.open(root, agent, repo)) {
            planned = session.reconciler().plan(new PlanRequest(commit, node, allowEmpty));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(PlanView.json(planned.plan()));
        } else {
            ApplyFlow.show(planned, root, out);
        }
        out.flush();
        return exitCode && planned.plan().hasChanges() ? 2 : 0;
    }

}
