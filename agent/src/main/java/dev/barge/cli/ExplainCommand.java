package dev.barge.cli;

import dev.barge.reconcile.Desired;
import dev.barge.view.SliceView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Why each deployment does or does not match this node. */
@Command(name = "explain", description = "Print why each deployment does or does not match this node.")
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    RepoOptions repo;
    @Mixin
    NodeOptions nodeOptions;

    @Override
    public Integer call() {
        var agent = nodeOptions.agentConfig();
        var node = nodeOptions.require(agent, "explain");
        Desired desired = Desired.fromDirectory(repo.repoOrCurrent(), BargeCommand.root(spec).env, agent, node);
        SliceView.explain(desired.select(node), spec.commandLine().getOut());
        return 0;
    }
}
