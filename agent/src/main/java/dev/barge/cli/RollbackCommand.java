package dev.barge.cli;

import dev.barge.reconcile.Intent;
import dev.barge.record.Trigger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Restores an earlier applied commit with its recorded image digests, and pins the node there. */
@Command(name = "rollback", description = {
    "Apply an earlier commit with the image digests recorded for it, and pin the node there.",
    "Neither apply nor the daemon rolls forward until barge resume."})
final class RollbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    NodeOptions nodeOptions;
    @Mixin
    EngineOptions engine;
    @Mixin
    ApplyFlow flow;

    @Parameters(index = "0", paramLabel = "SHA", description = "The commit to restore (a prefix is enough; see barge history).")
    String commit;

    @Override
    public Integer call() {
        var agent = nodeOptions.agentConfig();
        try (var session = engine.open(BargeCommand.root(spec), agent, null)) {
            return flow.run(spec, session.reconciler(), new Intent.Rollback(commit, nodeOptions.identityOrHost(agent), true),
                    Trigger.ROLLBACK);
        }
    }
}
