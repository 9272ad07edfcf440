package dev.barge.cli;

import dev.barge.reconcile.AgentSuspension;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Pauses the agent on this state dir without pinning a commit. */
@Command(name = "suspend", description = {
    "Pause barge agent on this node: no polls applied, no drift corrected, until barge resume.",
    "Unlike barge rollback, it pins no commit; barge apply by hand still works."})
final class SuspendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    NodeOptions nodeOptions;
    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        var store = engine.store(nodeOptions.agentConfig());
        AgentSuspension.suspend(store.dir(), "barge suspend (pid " + ProcessHandle.current().pid() + ")");
        spec.commandLine().getOut().println("Suspended: the agent on " + store.dir()
                + " reconciles nothing until barge resume.");
        return 0;
    }
}
