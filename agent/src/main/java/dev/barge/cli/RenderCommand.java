package dev.barge.cli;

import dev.barge.reconcile.Desired;
import dev.barge.view.ComposeView;
import dev.barge.view.Printable;
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
        var slice = desired.select(node);
        // on stderr, so that the YAML on stdout stays a document a tool can read
        slice.stacks().stream().flatMap(s -> s.stack().warnings().stream()).distinct()
                .forEach(w -> spec.commandLine().getErr().println("warning: " + Printable.escape(w)));
        spec.commandLine().getOut().print(ComposeView.yaml(slice));
        return 0;
    }
}
