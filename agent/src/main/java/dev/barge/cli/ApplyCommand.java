package dev.barge.cli;

import dev.barge.reconcile.Intent;
import dev.barge.reconcile.PlanRequest;
import dev.barge.record.Trigger;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Plans, asks, applies behind the health gate, and records the outcome. */
@Command(name = "apply", description = {
    "Apply the config to this node's Docker engine: pull, then create/replace/start/delete behind the health gate.",
    "While a rollback pins the node, apply without --commit stays on the pinned commit.",
    "Exit codes: 0 applied (or no changes), 1 a stack failed or the apply was cancelled (nothing changed), 77 refused by policy."})
final class ApplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    NodeOptions nodeOptions;
    @Mixin
    EngineOptions engine;
    @Mixin
    ApplyFlow flow;

    @Option(names = "--repo", paramLabel = "DIR", description = "Apply a local directory as it is, or its --commit.")
    Path repo;

    @Option(names = "--commit", paramLabel = "SHA", description = "Apply this commit instead of the branch head.")
    String commit;

    @Option(names = "--allow-empty", description = "Allow deleting every barge container when nothing selects this node.")
    boolean allowEmpty;

    @Override
    public Integer call() {
        var agent = nodeOptions.agentConfig();
        var node = nodeOptions.identityOrHost(agent);
        try (var session = engine.open(BargeCommand.root(spec), agent, repo)) {
            return flow.run(spec, session.reconciler(), new Intent.Apply(new PlanRequest(commit, node, allowEmpty)),
                    Trigger.MANUAL);
        }
    }
}
