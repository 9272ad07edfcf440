package dev.barge.view;

import dev.barge.config.Problem;
import dev.barge.diff.Effect;
import dev.barge.diff.FleetDiff;
import dev.barge.diff.Member;
import dev.barge.diff.Step;
import dev.barge.plan.Action;
import dev.barge.plan.Address;
import dev.barge.plan.AttributeDiff;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FleetDiff} for people: on a terminal (coloured like {@code plan}), and as a pull-request
 * comment in Markdown ({@link #markdown}). Both list each group of nodes that change alike once, with the
 * planner's symbols, reasons and attribute diffs (not for creates: a new service's attributes are in the
 * JSON form), and count the unchanged nodes. Every value is escaped for where it is shown.
 */
public final class DiffView {
    /** GitHub's limit for one comment, in characters. */
    public static final int COMMENT_LIMIT = 65_536;
    static final int NAMES_SHOWN = 10;
    static final String MAY_HAVE_CHANGED = "(sensitive, may have changed)";
    static final String CHANGED = "(sensitive, changed)";

    private DiffView() {
    }

    /** Lines ending with {@code \n}; {@code colour} as decided by {@link Colour#enabled}. */
    public static String human(FleetDiff diff, boolean colour) {
        StringBuilder out = new StringBuilder();
        out.append("Diff ").append(Printable.escape(diff.base())).append(" -> ").append(Printable.escape(diff.head()))
                .append('\n');
        for (FleetDiff.Group g : diff.groups()) {
            out.append('\n').append(Colour.BOLD.paint(Printable.escape(heading(g)), colour)).append('\n');
            lines(g.effect(), diff.secretsByFile(), colour).forEach(l -> out.append("  ").append(l).append('\n'));
        }
        if (!diff.warnings().isEmpty()) {
            out.append('\n');
            diff.warnings().forEach(w -> out.append(Colour.YELLOW.paint("Warning: ", colour)).append(Printable.escape(w)).append('\n'));
        }
        if (!diff.baseProblems().isEmpty()) {
            out.append('\n').append("Problems at the base ").append(Printable.escape(diff.base())).append(":\n");
            diff.baseProblems().forEach(p -> out.append("  ").append(Printable.escape(p.render())).append('\n'));
        }
        String summary = summary(diff);
        String line = Character.toUpperCase(summary.charAt(0)) + summary.substring(1)
                + (diff.hasChanges() ? ", " + diff.unchanged() + " unchanged." : ".");
        out.append('\n').append(Colour.BOLD.paint(Printable.escape(line), colour)).append('\n');
        if (secretsNote(diff) != null) {
            out.append(secretsNote(diff)).append('\n');
        }
        return out.toString();
    }

    /**
     * A pull-request comment: a summary line, then a collapsible section per group. It stays within
     * {@code limit} characters: groups (or lines) that do not fit are left out and counted.
     */
    public static String markdown(FleetDiff diff, int limit) {
        StringBuilder head = new StringBuilder();
        head.append("### barge diff: ").append(Markdown.text(summary(diff))).append("\n\n");
        head.append('`').append(Markdown.code(diff.base())).append("` → `").append(Markdown.code(diff.head())).append('`');
        if (diff.hasChanges()) {
            head.append(" · ").append(Nouns.count(diff.unchanged(), "node")).append(" unchanged");
        }
        head.append("\n");
        StringBuilder tail = new StringBuilder();
        if (secretsNote(diff) != null) {
            tail.append('\n').append(Markdown.text(secretsNote(diff))).append('\n');
        }
        problems(tail, "Problems at the head " + diff.head() + " (barge diff exits 65)", diff.headProblems());
        problems(tail, "Problems at the base " + diff.base(), diff.baseProblems());
        if (!diff.warnings().isEmpty()) {
            tail.append('\n').append("**Warnings**\n\n").append(Markdown.fenced(diff.warnings(), ""));
        }
        int budget = limit - head.length() - tail.length() - 200;
        StringBuilder body = new StringBuilder();
        int shown = 0;
        for (FleetDiff.Group g : diff.groups()) {
            String section = section(g, diff.secretsByFile(), budget - body.length());
            if (section == null) {
                break;
            }
            body.append(section);
            shown++;
        }
        if (shown < diff.groups().size()) {
            int nodes = diff.groups().subList(shown, diff.groups().size()).stream().mapToInt(FleetDiff.Group::count).sum();
            body.append("\n_").append(Nouns.count(diff.groups().size() - shown, "more group")).append(" (")
                    .append(Nouns.count(nodes, "node")).append(") not shown: the comment limit is reached; run"
                            + " `barge diff` locally for all of them._\n");
        }
        return head.append(body).append(tail).toString();
    }

    /** One group's {@code <details>} section, its lines cut to fit {@code room}; null when not even its heading fits. */
    private static String section(FleetDiff.Group g, boolean byFile, int room) {
        String open = "\n<details><summary>" + Markdown.html(heading(g)) + "</summary>\n\n";
        String close = "</details>\n";
        List<String> lines = lines(g.effect(), byFile, false);
        String fence = Markdown.fence(lines);
        int left = room - open.length() - close.length() - 2 * (fence.length() + 8) - 80;
        if (left < 0) {
            return null;
        }
        StringBuilder block = new StringBuilder(open).append(fence).append("diff\n");
        int kept = 0;
        for (String line : lines) {
            if (line.length() + 1 > left) {
                break;
            }
            block.append(line).append('\n');
            left -= line.length() + 1;
            kept++;
        }
        if (kept < lines.size()) {
            block.append("... ").append(Nouns.count(lines.size() - kept, "more line")).append(" not shown\n");
        }
        return block.append(fence).append("\n\n").append(close).toString();
    }

    private static void problems(StringBuilder out, String title, List<Problem> problems) {
        if (!problems.isEmpty()) {
            out.append('\n').append("**").append(Markdown.text(title)).append("**\n\n")
                    .append(Markdown.fenced(problems.stream().map(Problem::render).toList(), ""));
        }
    }

    /** "3 nodes: vm-1, vm-2, vm-3", at most {@link #NAMES_SHOWN} names; a group reads "web (group of 5)". */
    static String heading(FleetDiff.Group g) {
        List<String> names = new ArrayList<>();
        for (Member m : g.members().subList(0, Math.min(NAMES_SHOWN, g.members().size()))) {
            names.add(m.group() ? m.name() + " (group of " + m.count() + ")" : m.name());
        }
        int more = g.members().size() - names.size();
        return Nouns.count(g.count(), "node") + ": " + String.join(", ", names) + (more > 0 ? " and " + more + " more" : "");
    }

    /** The group's changes, one per line, every text from the repo escaped. */
    private static List<String> lines(Effect e, boolean byFile, boolean colour) {
        List<String> lines = new ArrayList<>();
        e.stacksAdded().forEach(s -> lines.add(Colour.GREEN.paint("+ stack " + Printable.escape(s), colour) + " (added)"));
        e.stacksRemoved().forEach(s -> lines.add(Colour.RED.paint("- stack " + Printable.escape(s), colour) + " (removed)"));
        int width = e.steps().stream().mapToInt(s -> Printable.escape(s.address().toString()).length()).max().orElse(0);
        for (Step s : e.steps()) {
            String address = Printable.escape(s.address().toString());
            lines.add(PlanView.colourOf(s.action(), s.reason()).paint(PlanView.symbol(s.action(), s.reason()) + " " + address, colour)
                    + " ".repeat(width - address.length() + 2)
                    + Printable.escape(PlanView.describe(s.action(), s.reason(), s.address().kind() == Address.Kind.VOLUME)));
            if (s.action() == Action.REPLACE) {
                s.diffs().forEach(d -> lines.add("    " + diffLine(d, byFile, colour)));
            }
        }
        return lines;
    }

    /** As {@code plan} shows it, except that a secret that differs says whether it is known to have changed. */
    private static String diffLine(AttributeDiff d, boolean byFile, boolean colour) {
        String path = Printable.escape(d.path());
        if (d.added()) {
            return Colour.GREEN.paint("+ " + path, colour) + ": " + PlanView.value(d.path(), d.after(), d.sensitive());
        }
        if (d.removed()) {
            return Colour.RED.paint("- " + path, colour) + ": " + PlanView.value(d.path(), d.before(), d.sensitive());
        }
        String change = d.sensitive() ? (byFile ? MAY_HAVE_CHANGED : CHANGED)
                : PlanView.value(d.path(), d.before(), false) + " -> " + PlanView.value(d.path(), d.after(), false);
        return Colour.YELLOW.paint("~ " + path, colour) + ": " + change;
    }

    static String summary(FleetDiff diff) {
        if (diff.headInvalid()) {
            return "the head " + diff.head() + " is invalid (" + Nouns.count(diff.headProblems().size(), "problem") + ")";
        }
        if (!diff.hasChanges()) {
            return "no changes: none of " + Nouns.count(diff.nodes(), "node") + " change" + (diff.nodes() == 1 ? "s" : "");
        }
        return diff.changed() + " of " + Nouns.count(diff.nodes(), "node") + " change";
    }

    private static String secretsNote(FleetDiff diff) {
        if (!diff.secretsByFile() || !diff.hasChanges()) {
            return null;
        }
        return "Some secret files could not be decrypted here: an attribute a changed sops file feeds shows as"
                + " \"may have changed\" (set SOPS_AGE_KEY_FILE or pass --identity to tell changed from unchanged).";
    }
}
