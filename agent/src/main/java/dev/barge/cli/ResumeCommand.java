package dev.barge.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Releases a rollback's pin and applies the branch head. */
@Command(name = "resume", description = "Release the pin set by barge rollback and apply the branch head.")
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
        BargeCommand root = BargeCommand.root(spec);
        var out = spec.commandLine().getOut();
        var agent = nodeOptions.agentConfig();
        try (var session = engine.open(agent, root.env)) {
            return ApplyFlow.report(session.reconciler().resume(nodeOptions.identityOrHost(agent),
                    flow.approval(root, out), ApplyFlow.progress(out)), out);
        }
    }
}
