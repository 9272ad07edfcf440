package dev.barge;

import dev.barge.cli.BargeCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Entry point: builds the command line, runs it, and exits with the code DESIGN.md assigns. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = BargeCommand.run(args, out, err, System.getenv(), System.console() != null);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** For tests and embedding: no System.exit. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        return BargeCommand.run(args, out, err, env, false);
    }
}
