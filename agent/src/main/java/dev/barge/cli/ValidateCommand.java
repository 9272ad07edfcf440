package dev.barge.cli;

import dev.barge.Failure;
import dev.barge.config.FleetReader;
import dev.barge.config.Problem;
import dev.barge.config.model.DesiredState;
import dev.barge.config.model.StackSpec;
import dev.barge.policy.PolicyCheck;
import dev.barge.policy.PolicyOrigins;
import dev.barge.policy.Violation;
import dev.barge.decrypt.CreationRules;
import dev.barge.reconcile.Desired;
import dev.barge.select.NodeSlice;
import dev.barge.view.Nouns;
import dev.barge.view.Printable;
import dev.barge.view.SliceView;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Checks a whole config repo without Docker (for pull-request CI) and, given a node, shows what it would run.
 * With an agent config, the stacks that node would run are also checked against its policy, as apply checks them.
 */
@Command(name = "validate", description = {
    "Check every file of a config repo and report every problem with file:line.",
    "With --labels/--node (or an agent config) also show which stacks that node would run.",
    "With an agent config (--config), also check those stacks against its policy, as apply would (exit 77)."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    RepoOptions repo;
    @Mixin
    NodeOptions nodeOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Desired desired = Desired.forValidation(repo.repoOrCurrent(), BargeCommand.root(spec).env, nodeOptions.agentConfig());
        DesiredState state = desired.state();
        // selecting refuses what only a node's set of stacks shows (two stacks claiming one container name): before "is valid"
        Optional<NodeSlice> slice = nodeOptions.identity(desired.agent()).map(desired::select);
        desired.tree().read(CreationRules.FILE_NAME).ifPresent(rules -> CreationRules.check(CreationRules.FILE_NAME, rules));
        FleetReader.read(desired.tree()).ifPresent(fleet -> FleetReader.unknownNodes(state, fleet)
                .forEach(w -> spec.commandLine().getErr().println("barge: warning: " + Printable.escape(w))));
        if (desired.agent().isPresent() && slice.isPresent()) {
            List<Problem> refused = policyViolations(desired, slice.get());
            if (!refused.isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                refused.forEach(p -> err.println(p.render()));
                err.println("barge: this host's policy refuses " + refused.size() + " thing" + (refused.size() == 1 ? "" : "s")
                        + " node " + slice.get().node().name() + " would run, as apply would: change the compose files"
                        + " or allow them in the agent config's policy");
                return Failure.REFUSED.exitCode();
            }
        }
        state.deployments().stream().flatMap(d -> d.stacks().stream()).flatMap(s -> s.warnings().stream()).distinct()
                .forEach(w -> out.println("warning: " + Printable.escape(w)));
        long stacks = state.deployments().stream().mapToLong(d -> d.stacks().size()).sum();
        long services = state.deployments().stream().flatMap(d -> d.stacks().stream())
                .mapToLong((StackSpec s) -> s.project().services().size()).sum();
        out.printf("%s is valid: %s, %s, %s.%n", Printable.escape(desired.describe()),
                Nouns.count(state.deployments().size(), "deployment"), Nouns.count(stacks, "stack"), Nouns.count(services, "service"));
        if (!desired.secretsDecrypted()) {
            out.println("Secret files were checked by their key names only: no age identity here to decrypt them"
                    + " (set SOPS_AGE_KEY_FILE, or --config with secrets.age_identities, to verify them too).");
        } else if (!desired.unopened().isEmpty()) {
            out.println("Checked by their key names only, no age identity here opens them (they are for other nodes' keys): "
                    + String.join(", ", desired.unopened()) + ".");
        }
        slice.ifPresent(selected -> {
            out.println();
            SliceView.explain(selected, out);
        });
        return 0;
    }

    /** What apply would refuse on that host, with the compose file's line of each key. */
    private static List<Problem> policyViolations(Desired desired, NodeSlice slice) {
        List<Problem> problems = new ArrayList<>();
        for (NodeSlice.Selected selected : slice.stacks()) {
            List<Violation> violations = PolicyCheck.violations(List.of(selected.stack()), desired.agent().orElseThrow().policy());
            problems.addAll(PolicyOrigins.locate(desired.tree(), selected.stack(), violations));
        }
        return problems;
    }
}
