package dev.barge.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "version", description = "Print barge's version, the git commit it was built from and the Java runtime it runs on.")
final class VersionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(line());
    }

    static String line() {
        return String.format("barge %s (commit %s, Java %s, %s %s)", BargeCommand.version(), BuildInfo.current().commit(),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"));
    }
}
