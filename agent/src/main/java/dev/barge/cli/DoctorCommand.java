package dev.barge.cli;

import dev.barge.config.model.AgentConfig;
import dev.barge.doctor.Checkup;
import dev.barge.doctor.CheckupView;
import dev.barge.doctor.Doctor;
import dev.barge.doctor.Systemctl;
import dev.barge.view.Colour;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Checks what the agent needs on this machine, one line each, with the fix for what fails. */
@Command(name = "doctor", description = {
    "Check this node: the agent config, the state dir, the Docker engine, the git source and its credentials,",
    "the age identities against every secret file this node's stacks use, the selected stacks, the service unit,",
    "and free disk. One line each with ✓ or ✗ and the fix. Exit 0 when all pass, 1 otherwise."})
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Agent config (default: /etc/barge/agent.yaml).")
    Path config = AgentConfig.DEFAULT_PATH;

    @Option(names = "--json", description = "Print the checks as a versioned JSON object.")
    boolean json;

    @Override
    public Integer call() {
        BargeCommand root = BargeCommand.root(spec);
        Checkup checkup = new Doctor(config, root.env, root.invocation::connect, new Systemctl(root.env)).run();
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? CheckupView.json(checkup) : CheckupView.human(checkup, Colour.enabled(root.env, root.terminal)));
        out.flush();
        return checkup.healthy() ? 0 : 1;
    }
}
