package dev.barge.cli;

import dev.barge.reconcile.AgentSuspension;
import dev.barge.reconcile.Intent;
import dev.barge.record.Trigger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Releases a rollback's pin and applies the branch head. */
@Command(name = "resume", description = "Release the pin set by barge rollback (and a barge suspend) and apply the branch head.")
final class ResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    NodeOptions nodeOptions;
    @Mixin
    EngineOptions engine;
    @Mixin
    ApplyFlow flow;

    @Override
    public Integer call() {
        var agent = nodeOptions.agentConfig();
        try (var session = engine.open(BargeCommand.root(spec), agent, null)) {
            if (AgentSuspension.release(session.store().dir())) {
                spec.commandLine().getOut().println("Suspension lifted: the agent reconciles again.");
            }
            return flow.run(spec, session.reconciler(), new Intent.Resume(nodeOptions.identityOrHost(agent)),
                    Trigger.RESUME);
        }
    }
}
