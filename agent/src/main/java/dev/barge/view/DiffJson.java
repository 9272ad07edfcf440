package dev.barge.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.barge.config.Problem;
import dev.barge.diff.FleetDiff;
import dev.barge.diff.Member;
import dev.barge.diff.Step;
import dev.barge.plan.AttributeDiff;
import java.util.List;

/**
 * The JSON form of a fleet diff (schema/diff.schema.json): the plan's shapes for changes, reasons and
 * attribute diffs, in a fixed key order and layout, so the same diff gives the same bytes on every JVM.
 * A sensitive attribute carries {@code (sensitive)} and {@code secret_change}, never a value.
 */
public final class DiffJson {
    private DiffJson() {
    }

    public static String write(FleetDiff diff) {
        ObjectNode root = JsonText.NODES.objectNode();
        root.put("format_version", diff.formatVersion());
        root.put("base", diff.base());
        root.put("head", diff.head());
        root.put("nodes", diff.nodes());
        root.put("changed", diff.headInvalid() ? 0 : diff.changed());
        root.put("unchanged", diff.unchanged());
        root.put("has_changes", diff.hasChanges());
        root.put("head_valid", !diff.headInvalid());
        root.put("secrets", diff.secretsByFile() ? "by_file" : "by_value");
        ArrayNode groups = root.putArray("groups");
        for (FleetDiff.Group g : diff.groups()) {
            ObjectNode o = groups.addObject();
            o.put("count", g.count());
            ArrayNode members = o.putArray("nodes");
            for (Member m : g.members()) {
                ObjectNode n = members.addObject();
                n.put("name", m.name());
                n.put("count", m.count());
                n.put("group", m.group());
                n.set("labels", JsonText.sorted(m.node().labels()));
            }
            ArrayNode added = o.putArray("stacks_added");
            g.effect().stacksAdded().forEach(added::add);
            ArrayNode removed = o.putArray("stacks_removed");
            g.effect().stacksRemoved().forEach(removed::add);
            ArrayNode changes = o.putArray("changes");
            g.effect().steps().forEach(s -> changes.add(step(s, diff.secretsByFile())));
        }
        ArrayNode warnings = root.putArray("warnings");
        diff.warnings().forEach(warnings::add);
        ObjectNode problems = root.putObject("problems");
        problems.set("base", problems(diff.baseProblems()));
        problems.set("head", problems(diff.headProblems()));
        return JsonText.write(root);
    }

    private static ObjectNode step(Step s, boolean byFile) {
        ObjectNode o = JsonText.NODES.objectNode();
        o.put("address", s.address().toString());
        o.put("kind", PlanJson.lower(s.address().kind()));
        o.put("stack", s.address().stack());
        o.put("name", s.address().name());
        o.put("action", PlanJson.lower(s.action()));
        o.set("reason", PlanJson.reason(s.reason()));
        ArrayNode diffs = o.putArray("diffs");
        for (AttributeDiff d : s.diffs()) {
            ObjectNode a = diffs.addObject();
            a.put("path", d.path());
            a.put("before", d.before());
            a.put("after", d.after());
            a.put("sensitive", d.sensitive());
            if (d.sensitive() && !d.added() && !d.removed()) {
                a.put("secret_change", byFile ? "may_have_changed" : "changed");
            }
        }
        return o;
    }

    private static ArrayNode problems(List<Problem> problems) {
        ArrayNode list = JsonText.NODES.arrayNode();
        for (Problem p : problems) {
            ObjectNode o = list.addObject();
            o.put("file", p.file());
            o.put("line", p.line());
            o.put("pointer", p.pointer());
            o.put("message", p.message());
        }
        return list;
    }
}
