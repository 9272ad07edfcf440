package dev.barge;

import dev.barge.cli.BargeCommand;
import dev.barge.cli.Invocation;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** Entry point: hands the command line the process (environment, stdin, terminal, host name) and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = BargeCommand.run(args, out, err,
                Invocation.of(System.getenv(), System.console() != null, System.in, Main::hostName));
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** For tests and embedding: no System.exit, no terminal, nothing on stdin. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        return BargeCommand.run(args, out, err, Invocation.of(env, false, new ByteArrayInputStream(new byte[0]),
                Main::hostName));
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
        }
    }
}
