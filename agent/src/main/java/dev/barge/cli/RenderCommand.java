package dev.barge.cli;

import dev.barge.reconcile.Desired;
import dev.barge.view.ComposeView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The node's resolved desired state as Compose-style YAML; values from secrets show as (sensitive). */
@Command(name = "render", description = "Print this node's resolved desired state as Compose-style YAML.")
final class RenderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    RepoOptions repo;
    @Mixin
    NodeOptions nodeOptions;

    @Override
    public Integer call() {
        var agent = nodeOptions.agentConfig();
        var node = nodeOptions.require(agent, "render");
        Desired desired = Desired.fromDirectory(repo.repoOrCurrent(), BargeCommand.root(spec).env, agent, node);
        spec.commandLine().getOut().print(ComposeView.yaml(desired.select(node)));
        return 0;
    }
}
