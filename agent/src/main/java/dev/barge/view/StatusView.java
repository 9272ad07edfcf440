package dev.barge.view;

import dev.barge.docker.ActualState;
import dev.barge.docker.ActualState.Container;
import dev.barge.record.NodeState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code barge status} for people and, through {@link StatusJson}, for programs: what is applied,
 * what was last tried, the pin, the remote head, and each stack's containers; and which services use
 * an image ({@code --image}).
 */
public final class StatusView {
    public static final String FORMAT_VERSION = "1";
    /** The group of a container that lost its stack label (edited by hand). */
    static final String NO_STACK = "(no stack label)";
    private static final Comparator<Container> BY_SERVICE = Comparator
            .comparing(Container::service, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Container::name);

    private StatusView() {
    }

    public static String human(NodeStatus status, boolean colour) {
        NodeState s = status.state();
        StringBuilder out = new StringBuilder();
        out.append(Colour.BOLD.paint("Node " + Printable.escape(status.node()), colour)).append('\n');
        fact(out, "applied", s.appliedCommit() == null ? "nothing applied yet"
                : Cells.commit(s.appliedCommit()) + " at " + Cells.time(s.appliedAt()));
        fact(out, "last attempt", attempt(s.lastAttempt(), colour));
        fact(out, "pin", s.pin() == null ? "not pinned" : Cells.commit(s.pin().commit()) + " since "
                + Cells.time(s.pin().since()) + (s.pin().reason() == null ? "" : " (" + Cells.oneLine(s.pin().reason()) + ")"));
        fact(out, "remote", remote(status.remote(), s, colour));
        fact(out, "agent", agent(status.agent()));
        if (status.suspended() != null) {
            fact(out, "suspended", Colour.YELLOW.paint(Cells.printable(status.suspended()) + " (barge resume ends it)", colour));
        }

        if (status.engine() instanceof NodeStatus.Engine.Unreachable u) {
            out.append('\n').append(Colour.RED.paint("Containers: unknown, the Docker engine is unreachable ("
                    + Cells.oneLine(u.message()) + ")", colour)).append('\n');
            return out.toString();
        }
        ActualState actual = ((NodeStatus.Engine.Observed) status.engine()).actual();
        Map<String, List<Container>> stacks = byStack(actual.containers());
        if (stacks.isEmpty()) {
            out.append('\n').append("No barge container exists on this node.\n");
            return out.toString();
        }
        stacks.forEach((stack, containers) -> {
            out.append('\n').append(Colour.BOLD.paint("Stack " + Printable.escape(stack), colour)).append(Printable.escape(deployments(containers))).append('\n');
            Table table = new Table("CONTAINER", "SERVICE", "STATUS", "HEALTH", "RESTARTS", "IMAGE", "IMAGE ID", "SPEC");
            for (Container c : containers) {
                table.row(c.name(), Cells.orNone(c.service()), state(c), health(c), String.valueOf(c.restartCount()),
                        Cells.imageRef(c.imageRef()), Cells.imageId(c.imageId()), Cells.hash(c.specHash())
                                + (drifted(c, s) ? " (applied " + Cells.hash(s.specHashes().get(c.name())) + ")" : ""));
            }
            out.append(table.render("  ", colour, (column, cell) -> switch (column) {
                case 2 -> stateColour(cell.strip()).paint(cell, true);
                case 3 -> healthColour(cell.strip()).paint(cell, true);
                default -> cell;
            }));
        });
        return out.toString();
    }

    private static String agent(NodeStatus.AgentProcess a) {
        if (a == null) {
            return "not running on this state dir";
        }
        return "running, pid " + a.pid() + " since " + Cells.time(a.since())
                + (a.lastPoll() == null ? "" : "; last poll " + Cells.time(a.lastPoll()) + ": "
                        + Cells.printable(a.lastResult()))
                + (a.nextPoll() == null ? "" : "; next poll " + Cells.time(a.nextPoll()));
    }

    /** The services that use the image {@code query} names, from {@link ImageUsage#find}. */
    public static String imageUsage(String node, ImageQuery query, List<ImageUsage> uses, boolean colour) {
        if (uses.isEmpty()) {
            return "No stack on node " + Printable.escape(node) + " uses image " + Printable.escape(String.valueOf(query)) + ".\n";
        }
        StringBuilder out = new StringBuilder();
        long stacks = uses.stream().map(ImageUsage::stack).distinct().count();
        out.append("Image ").append(Printable.escape(String.valueOf(query))).append(" is used on node ").append(Printable.escape(node)).append(" by ")
                .append(uses.size()).append(uses.size() == 1 ? " service" : " services").append(" in ")
                .append(stacks).append(stacks == 1 ? " stack" : " stacks").append(":\n");
        Table table = new Table("STACK", "SERVICE", "CONTAINER", "STATUS", "IMAGE", "IMAGE ID");
        for (ImageUsage u : uses) {
            Container c = u.container();
            table.row(Cells.orNone(u.stack()), Cells.orNone(u.service()), c == null ? Cells.NONE : c.name(),
                    c == null ? "no container (recorded for the applied commit)" : state(c),
                    Cells.imageRef(c == null ? u.recordedDigest() : c.imageRef()), c == null ? Cells.NONE : Cells.imageId(c.imageId()));
        }
        out.append(table.render("  ", colour, (column, cell) -> column == 3 ? stateColour(cell.strip()).paint(cell, true) : cell));
        return out.toString();
    }

    public static String json(NodeStatus status) {
        return StatusJson.status(status);
    }

    public static String imageUsageJson(String node, ImageQuery query, List<ImageUsage> uses) {
        return StatusJson.imageUsage(node, query, uses);
    }

    /** Stacks by name; containers by service, then name. */
    static Map<String, List<Container>> byStack(List<Container> containers) {
        Map<String, List<Container>> stacks = new TreeMap<>();
        containers.forEach(c -> stacks.computeIfAbsent(c.stack() == null ? NO_STACK : c.stack(),
                k -> new ArrayList<>()).add(c));
        stacks.values().forEach(list -> list.sort(BY_SERVICE));
        return stacks;
    }

    /** A container whose spec hash is not the one barge recorded for it: changed outside barge. */
    static boolean drifted(Container c, NodeState state) {
        String recorded = state.specHashes().get(c.name());
        return recorded != null && c.specHash() != null && !recorded.equals(c.specHash());
    }

    static String state(Container c) {
        String name = c.status().name().toLowerCase(Locale.ROOT);
        return c.exitCode() == null ? name : name + " (" + c.exitCode() + ")";
    }

    static String health(Container c) {
        return c.health() == null ? Cells.NONE : c.health().name().toLowerCase(Locale.ROOT);
    }

    private static void fact(StringBuilder out, String name, String value) {
        out.append("  ").append(name).append(':').append(" ".repeat(13 - name.length())).append(Printable.escape(value)).append('\n');
    }

    private static String deployments(List<Container> containers) {
        List<String> names = containers.stream().map(Container::deployment).filter(d -> d != null).distinct().sorted().toList();
        return names.isEmpty() ? "" : " (deployment " + String.join(", ", names) + ")";
    }

    private static String attempt(NodeState.Attempt a, boolean colour) {
        if (a == null) {
            return "none";
        }
        String head = Cells.commit(a.commit()) + " at " + Cells.time(a.at()) + ": ";
        return a.succeeded() ? head + Colour.GREEN.paint("succeeded", colour)
                : head + Colour.RED.paint("failed", colour) + (a.error() == null ? "" : ": " + Cells.oneLine(a.error()));
    }

    private static String remote(NodeStatus.Remote remote, NodeState s, boolean colour) {
        if (remote instanceof NodeStatus.Remote.Head h) {
            String note;
            if (h.commit().equals(s.appliedCommit())) {
                note = "applied";
            } else if (s.pin() != null) {
                note = "not followed while pinned: barge resume applies it";
            } else {
                note = Colour.YELLOW.paint("not applied yet", colour);
            }
            return Cells.commit(h.commit()) + ", head of " + h.source() + " (" + note + ")";
        }
        if (remote instanceof NodeStatus.Remote.Unreachable u) {
            return Colour.RED.paint("unreachable", colour) + " (" + Cells.oneLine(u.message()) + ")";
        }
        return "not configured (the agent config has no source)";
    }

    private static Colour stateColour(String state) {
        if (state.startsWith("running")) {
            return Colour.GREEN;
        }
        if (state.startsWith("exited") || state.startsWith("dead")) {
            return Colour.RED;
        }
        return state.startsWith("no container") ? Colour.DIM : Colour.YELLOW;
    }

    private static Colour healthColour(String health) {
        return switch (health) {
            case "healthy" -> Colour.GREEN;
            case "unhealthy" -> Colour.RED;
            case "starting" -> Colour.YELLOW;
            default -> Colour.DIM;
        };
    }
}
