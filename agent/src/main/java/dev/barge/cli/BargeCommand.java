package dev.barge.cli;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.InvalidConfigException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import dev.barge.view.Nouns;
import dev.barge.view.Printable;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root command. Holds what every subcommand may need from the process (environment, whether
 * output is a terminal) so that commands never read globals and tests can inject them.
 */
@Command(name = "barge", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = BargeCommand.Version.class,
        description = "GitOps pull agent for plain VMs: deploys the config repo's stacks to the local Docker engine.")
public final class BargeCommand implements Runnable {

    /** Every command, in the order --help lists them. */
    static final List<Class<?>> COMMANDS = List.of(
            VersionCommand.class,
            ValidateCommand.class,
            ExplainCommand.class,
            RenderCommand.class,
            PlanCommand.class,
            DiffCommand.class,
            ApplyCommand.class,
            RollbackCommand.class,
            ResumeCommand.class,
            SuspendCommand.class,
            AgentCommand.class,
            HistoryCommand.class,
            StatusCommand.class,
            LogsCommand.class,
            DoctorCommand.class,
            SecretsCommand.class);

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces on failure.")
    boolean debug;

    final Map<String, String> env;
    final boolean terminal;
    final BufferedReader in;
    final Invocation invocation;

    BargeCommand(Invocation invocation) {
        this.invocation = invocation;
        this.env = invocation.env();
        this.terminal = invocation.terminal();
        this.in = new BufferedReader(new InputStreamReader(invocation.in(), StandardCharsets.UTF_8));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required (see barge --help)");
    }

    /** Parses, runs, prints one clear line on failure, and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Invocation invocation) {
        if (args.length == 1 && args[0].equals("version")) {
            // the one command that needs nothing: without picocli's model of it, it is the JVM's start alone
            out.println(VersionCommand.line());
            return 0;
        }
        BargeCommand root = new BargeCommand(invocation);
        CommandLine line = new CommandLine(root);
        commandsFor(args).forEach(line::addSubcommand);
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> failure(e, root.debug, err, parsed));
        line.setParameterExceptionHandler((e, ignored) -> {
            err.println("barge: " + Printable.escape(e.getMessage()) + " (see "
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return Failure.USAGE.exitCode();
        });
        try {
            return line.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // the readers' bounds make these unreachable from input; should one happen, it is still one line
            return failure(e, root.debug, err, null);
        }
    }

    /**
     * The command the arguments name, alone, when they name one; else all of them (for --help, a typo's
     * suggestions, a missing command). Picocli reads every option of every command it is given by
     * reflection, which was most of what {@code barge version} spent.
     */
    static List<Class<?>> commandsFor(String[] args) {
        String first = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse(null);
        return COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(first)).findFirst()
                .<List<Class<?>>>map(List::of).orElse(COMMANDS);
    }

    private static int failure(Throwable e, boolean debug, PrintWriter err, CommandLine.ParseResult parsed) {
        if (debug) {
            e.printStackTrace(err);
        }
        if (e instanceof InvalidConfigException invalid) {
            // a broken repo reports every problem at once, one file:line per line
            invalid.problems().forEach(p -> err.println(Printable.escape(p.render())));
            err.println("barge: the config is invalid (" + Nouns.count(invalid.problems().size(), "problem")
                    + "): fix them and run barge validate again");
            return invalid.failure().exitCode();
        }
        if (e instanceof BargeException be) {
            err.println("barge: " + Printable.escape(be.getMessage()));
            return be.failure().exitCode();
        }
        if (e instanceof java.nio.file.InvalidPathException) {
            err.println("barge: a file name cannot be used on this system (it is not valid in the system's file name"
                    + " encoding): rename the file, or run barge with a UTF-8 locale (LANG=C.UTF-8)");
            return Failure.BAD_INPUT.exitCode();
        }
        // never the exception's class or text: they mean nothing to a user and may quote input
        err.println("barge: internal error in barge while running " + commandName(parsed)
                + ": please report it with the output of the same command run with --debug");
        return Failure.FAILED.exitCode();
    }

    private static String commandName(CommandLine.ParseResult parsed) {
        if (parsed == null) {
            return "the command";
        }
        CommandLine.ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        return last.commandSpec().qualifiedName();
    }

    /** The root command of a subcommand, for its environment and terminal flag. */
    static BargeCommand root(CommandLine.Model.CommandSpec spec) {
        return (BargeCommand) spec.root().userObject();
    }

    /** The version from the pom, as the build recorded it. */
    static String version() {
        return BuildInfo.current().version();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"barge " + version() + " (commit " + BuildInfo.current().commit() + ")"};
        }
    }
}
