package dev.barge;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Runs several barge commands in one JVM with their output discarded, so that a class-data sharing
 * archive dumped when it exits ({@code -XX:ArchiveClassesAtExit}) holds the classes every one of them
 * loads. The build runs it (agent/pom.xml, "cds-training"); an installer may run it with its own
 * commands. Each argument is one command line, split on spaces: {@code "validate --config a.yaml repo"}.
 * A command that fails (no engine, no git checkout) still loaded the classes it reached.
 */
public final class Training {
    private Training() {
    }

    public static void main(String[] commands) {
        PrintWriter none = new PrintWriter(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        for (String command : commands) {
            Main.run(command.strip().split(" +"), none, none, System.getenv());
        }
        // a plan leaves the engine client's threads behind; the archive is written on exit
        System.exit(0);
    }
}
