package dev.barge.view;

import dev.barge.config.model.Redaction;
import dev.barge.plan.Action;
import dev.barge.plan.AttributeDiff;
import dev.barge.plan.CanonicalSpec;
import dev.barge.plan.Change;
import dev.barge.plan.Note;
import dev.barge.plan.ContainerChange;
import dev.barge.plan.Plan;
import dev.barge.plan.Reason;
import dev.barge.plan.VolumeChange;
import java.util.List;
import java.util.Locale;

/**
 * A {@link Plan} for people (Terraform-like, compact) and for programs ({@link #json(Plan)}, the
 * versioned format of schema/plan.schema.json). Unchanged containers are not listed in the human form;
 * attribute diffs are listed for replaced containers and detected drift, not for creates (all of a new
 * container's attributes are in the JSON form). Notes list what carries barge's labels but is not
 * this barge's (left alone), and what was adopted from an earlier barge.
 */
public final class PlanView {
    private static final String ARROW = " -> ";

    private PlanView() {
    }

    /** Lines ending with {@code \n}; {@code colour} as decided by {@link Colour#enabled}. */
    public static String human(Plan plan, boolean colour) {
        StringBuilder out = new StringBuilder();
        out.append("Node ").append(Printable.escape(plan.node())).append(": ")
                .append(plan.commit() == null ? "config not from git" : "commit " + shortSha(plan.commit()))
                .append(", ")
                .append(plan.appliedCommit() == null ? "nothing applied yet" : "last applied " + shortSha(plan.appliedCommit()))
                .append('\n');
        List<Change> shown = plan.changes().stream().filter(PlanView::shown).toList();
        if (!shown.isEmpty()) {
            out.append('\n');
            int width = shown.stream().mapToInt(c -> Printable.escape(c.address().toString()).length()).max().orElse(0);
            for (Change c : shown) {
                String address = Printable.escape(c.address().toString());
                out.append("  ").append(colourOf(c).paint(symbol(c) + " " + address, colour))
                        .append(" ".repeat(width - address.length() + 2)).append(Printable.escape(describe(c))).append('\n');
                if (diffsShown(c)) {
                    for (AttributeDiff d : c.diffs()) {
                        out.append("      ").append(redaction(c).apply(diffLine(d, colour))).append('\n');
                    }
                }
            }
        }
        if (!plan.notes().isEmpty()) {
            out.append('\n');
            plan.notes().forEach(n -> out.append(Colour.DIM.paint("Note: ", colour)).append(note(n)).append('\n'));
        }
        if (!plan.warnings().isEmpty()) {
            out.append('\n');
            plan.warnings().forEach(w -> out.append(Colour.YELLOW.paint("Warning: ", colour)).append(Printable.escape(w)).append('\n'));
        }
        out.append('\n').append(Colour.BOLD.paint(summary(plan.summary(), plan.hasChanges()), colour)).append('\n');
        return out.toString();
    }

    /** The versioned JSON form, deterministic byte for byte, ending with a newline. */
    public static String json(Plan plan) {
        return PlanJson.write(plan);
    }

    static String summary(Plan.Summary s, boolean changes) {
        String drift = s.drifted() == 0 ? "" : " " + s.drifted() + " drifted, left as is (drift: detect).";
        if (changes) {
            return "Plan: " + s.create() + " to create, " + s.replace() + " to replace, " + s.delete() + " to delete, "
                    + s.start() + " to start, " + s.unchanged() + " unchanged." + drift;
        }
        if (s.unchanged() == 0 && s.drifted() == 0) {
            return "No changes. No container is configured for this node.";
        }
        return "No changes. " + (s.unchanged() == 1 ? "1 container matches" : s.unchanged() + " containers match")
                + " the config." + drift;
    }

    /**
     * The secret values the change's stack was resolved with: a diff whose path or value holds one that taint
     * tracking did not mark (a mount target, a tmpfs option) still prints it as (sensitive).
     */
    static Redaction redaction(Change c) {
        return c instanceof ContainerChange cc && cc.stack() != null ? cc.stack().redaction() : Redaction.NONE;
    }

    private static boolean shown(Change c) {
        return c.acts() || c.reason().isDrift() || c instanceof VolumeChange && c.reason() instanceof Reason.RemovedFromConfig;
    }

    private static boolean diffsShown(Change c) {
        return c.action() == Action.REPLACE || c.action() == Action.NONE && c.reason().isDrift();
    }

    private static String symbol(Change c) {
        return symbol(c.action(), c.reason());
    }

    static String symbol(Action action, Reason reason) {
        return switch (action) {
            case CREATE -> "+";
            case REPLACE -> "~";
            case DELETE -> "-";
            case START -> ">";
            case NONE -> reason.isDrift() ? "!" : "#";
        };
    }

    private static Colour colourOf(Change c) {
        return colourOf(c.action(), c.reason());
    }

    static Colour colourOf(Action action, Reason reason) {
        return switch (action) {
            case CREATE -> Colour.GREEN;
            case REPLACE -> Colour.YELLOW;
            case DELETE -> Colour.RED;
            case START -> Colour.CYAN;
            case NONE -> reason.isDrift() ? Colour.MAGENTA : Colour.DIM;
        };
    }

    private static String describe(Change c) {
        List<String> binds = c.reason() instanceof Reason.SpecChanged s ? changedRepoBinds(c, s.paths()) : List.of();
        return binds.isEmpty() ? describe(c.action(), c.reason(), c instanceof VolumeChange)
                : "bind " + String.join(", ", binds) + " changed";
    }

    /** The reason in words, e.g. "spec changed (2 attributes)"; {@code volume} for a volume's change. */
    static String describe(Action action, Reason r, boolean volume) {
        String text;
        if (r instanceof Reason.SpecChanged s) {
            text = s.paths().isEmpty() ? "spec changed" : "spec changed (" + Nouns.count(s.paths().size(), "attribute") + ")";
        } else if (r instanceof Reason.ImageChanged i) {
            text = "image changed: " + shortId(i.beforeId()) + ARROW + shortId(i.afterId());
        } else if (r instanceof Reason.DriftStopped s) {
            text = "stopped outside barge: " + s.state();
        } else if (r instanceof Reason.DependencyReplaced d) {
            text = "dependency " + d.dependency() + " is recreated (depends_on restart: true)";
        } else if (r instanceof Reason.Duplicate d) {
            text = "duplicate of " + d.kept();
        } else if (r instanceof Reason.InterruptedReplace i) {
            text = action == Action.DELETE ? "replacement left by an interrupted apply, its health gate unfinished"
                    : "interrupted replace, carried out again from " + i.parked();
        } else if (r instanceof Reason.DriftMissing) {
            text = "missing: removed outside barge";
        } else if (r instanceof Reason.DriftChangedOutside) {
            text = "changed outside barge";
        } else if (r instanceof Reason.RemovedFromConfig) {
            text = volume && action == Action.NONE ? "removed from config, kept"
                    : "removed from config";
        } else if (r instanceof Reason.New) {
            text = "new";
        } else {
            text = "in sync";
        }
        return action == Action.NONE && r.isDrift() ? text + "; left as is (drift: detect)" : text;
    }

    /**
     * The repo paths ({@code ./conf/nginx.conf}) of the binds whose content is all that changed, or empty
     * when anything else changed too: the diff lines below still show each attribute.
     */
    private static List<String> changedRepoBinds(Change c, List<String> paths) {
        if (!(c instanceof ContainerChange cc) || cc.service() == null || paths.isEmpty()) {
            return List.of();
        }
        List<String> sources = new java.util.ArrayList<>();
        for (String path : paths) {
            String target = path.startsWith("volumes.") && path.endsWith(".content")
                    ? path.substring("volumes.".length(), path.length() - ".content".length()).replaceFirst("#\\d+$", "") : null;
            String source = target == null ? null : cc.service().mounts().stream()
                    .filter(m -> m.repo() != null && m.target().equals(target)).map(m -> m.source()).findFirst().orElse(null);
            if (source == null) {
                return List.of();
            }
            sources.add(Printable.escape(source));
        }
        return sources.stream().distinct().toList();
    }

    /**
     * {@code container x (stack web) is not owned, left alone: ...}. Names and stacks come from labels
     * anyone can set, so they are quoted when they hold anything a terminal could act on.
     */
    static String note(Note n) {
        return n.object().name().toLowerCase(Locale.ROOT) + " " + printable(n.name())
                + (n.stack() == null ? "" : " (stack " + printable(n.stack()) + ")") + " is " + n.detail();
    }

    private static String printable(String s) {
        return s.chars().allMatch(c -> c > 0x20 && c != 0x7f && c != '"' && c != '\\') ? s : quote(s);
    }

    static String diffLine(AttributeDiff d, boolean colour) {
        if (d.added()) {
            return Colour.GREEN.paint("+ " + d.path(), colour) + ": " + value(d.path(), d.after(), d.sensitive());
        }
        if (d.removed()) {
            return Colour.RED.paint("- " + d.path(), colour) + ": " + value(d.path(), d.before(), d.sensitive());
        }
        return Colour.YELLOW.paint("~ " + d.path(), colour) + ": " + value(d.path(), d.before(), d.sensitive())
                + ARROW + value(d.path(), d.after(), d.sensitive());
    }

    static String value(String path, String value, boolean sensitive) {
        if (sensitive) {
            return AttributeDiff.SENSITIVE;
        }
        return CanonicalSpec.isList(path) ? Printable.escape(value) : quote(value);
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(Printable.escape(String.valueOf(c)));
            }
        }
        return out.append('"').toString();
    }

    private static String shortSha(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    /** {@code sha256:0123456789ab}: enough to tell two images apart. */
    private static String shortId(String id) {
        int colon = id.indexOf(':');
        int end = Math.min(id.length(), colon + 1 + 12);
        return id.substring(0, end);
    }
}
