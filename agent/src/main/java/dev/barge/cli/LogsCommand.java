package dev.barge.cli;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.docker.ActualState.Container;
import dev.barge.docker.DockerGateway;
import dev.barge.docker.LogStream;
import dev.barge.view.Colour;
import dev.barge.view.LogPrefixes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A stack's or a service's container output, like docker compose logs. */
@Command(name = "logs", description = {
    "Print the output of a stack's containers (each line prefixed with its service) or of one service's.",
    "With -f, keep printing until the containers stop or Ctrl-C."})
final class LogsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STACK[/SERVICE]", description = "The stack, or one service of it (see barge status).")
    String target;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until the containers stop (or Ctrl-C).")
    boolean follow;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", description = "Start with the last N lines of each container (default: ${DEFAULT-VALUE}).")
    int tail = 100;

    @Override
    public Integer call() throws InterruptedException {
        String[] parts = target.split("/", -1);
        if (parts.length > 2 || parts[0].isEmpty() || parts.length == 2 && parts[1].isEmpty()) {
            throw new BargeException(Failure.USAGE, "logs takes STACK or STACK/SERVICE, got '" + target + "'");
        }
        if (tail < 0) {
            throw new BargeException(Failure.USAGE, "--tail must be 0 or more, got " + tail);
        }
        String stack = parts[0];
        String service = parts.length == 2 ? parts[1] : null;
        BargeCommand root = BargeCommand.root(spec);
        PrintWriter out = spec.commandLine().getOut();
        try (DockerGateway docker = root.invocation.connect()) {
            List<Container> containers = docker.observe(Set.of()).containers().stream()
                    .filter(c -> stack.equals(c.stack()) && (service == null || service.equals(c.service())))
                    .sorted(Comparator.comparing(Container::service, Comparator.nullsFirst(Comparator.naturalOrder()))
                            .thenComparing(Container::name))
                    .toList();
            if (containers.isEmpty()) {
                throw BargeException.badInput("no container of " + (service == null ? "stack " + stack
                        : "service " + service + " of stack " + stack) + " runs on this node: barge status lists them");
            }
            Map<String, String> prefixes = prefixes(containers, service == null, Colour.enabled(root.env, root.terminal));
            if (follow) {
                follow(docker, containers, prefixes, out);
            } else {
                for (Container c : containers) {
                    docker.logs(c.id(), tail).forEach(line -> out.println(prefixes.get(c.id()) + line));
                }
            }
        }
        out.flush();
        return 0;
    }

    private void follow(DockerGateway docker, List<Container> containers, Map<String, String> prefixes, PrintWriter out)
            throws InterruptedException {
        List<LogStream> streams = new ArrayList<>();
        try {
            for (Container c : containers) {
                String prefix = prefixes.get(c.id());
                streams.add(docker.followLogs(c.id(), tail, line -> {
                    synchronized (out) {
                        out.println(prefix + line);
                        out.flush();
                    }
                }));
            }
            for (LogStream stream : streams) {
                stream.awaitEnd();
            }
        } finally {
            streams.forEach(LogStream::close);
        }
    }

    /**
     * Container id to line prefix: none for one service's single container; the service name for a
     * stack, or the container name where two containers share a service (an old one kept by a replace).
     */
    private static Map<String, String> prefixes(List<Container> containers, boolean stackWide, boolean colour) {
        long services = containers.stream().map(Container::service).distinct().count();
        boolean byContainer = services < containers.size();
        if (!stackWide && !byContainer) {
            return Map.of(containers.get(0).id(), "");
        }
        List<String> labels = containers.stream().map(c -> byContainer || c.service() == null ? c.name() : c.service()).toList();
        Map<String, String> byLabel = LogPrefixes.of(labels, colour);
        Map<String, String> byId = new HashMap<>();
        for (int i = 0; i < containers.size(); i++) {
            byId.put(containers.get(i).id(), byLabel.get(labels.get(i)));
        }
        return byId;
    }
}
