package dev.barge.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.barge.config.model.Redaction;
import dev.barge.plan.AttributeDiff;
import dev.barge.plan.Change;
import dev.barge.plan.ContainerChange;
import dev.barge.plan.Note;
import dev.barge.plan.Plan;
import dev.barge.plan.Reason;
import java.util.Locale;

/**
 * The JSON form of a plan (schema/plan.schema.json). Keys are written in a fixed order and the
 * layout does not depend on the platform (indent two spaces, {@code \n}), so the same plan gives the
 * same bytes on every JVM.
 */
final class PlanJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
    private static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("").withArrayEmptySeparator(""))
            .withObjectIndenter(INDENT).withArrayIndenter(INDENT));

    private PlanJson() {
    }

    static String write(Plan plan) {
        ObjectNode root = NODES.objectNode();
        root.put("format_version", plan.formatVersion());
        root.put("node", plan.node());
        root.put("commit", plan.commit());
        root.put("applied_commit", plan.appliedCommit());
        Plan.Summary s = plan.summary();
        ObjectNode summary = root.putObject("summary");
        summary.put("create", s.create());
        summary.put("replace", s.replace());
        summary.put("delete", s.delete());
        summary.put("start", s.start());
        summary.put("unchanged", s.unchanged());
        summary.put("drifted", s.drifted());
        root.put("has_changes", plan.hasChanges());
        ArrayNode changes = root.putArray("changes");
        plan.changes().forEach(c -> changes.add(change(c)));
        ArrayNode warnings = root.putArray("warnings");
        plan.warnings().forEach(warnings::add);
        ArrayNode notes = root.putArray("notes");
        plan.notes().forEach(n -> notes.add(note(n)));
        try {
            return WRITER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan could not be written as JSON", e);
        }
    }

    private static ObjectNode change(Change c) {
        ObjectNode o = NODES.objectNode();
        o.put("address", c.address().toString());
        o.put("kind", lower(c.address().kind()));
        o.put("stack", c.address().stack());
        o.put("name", c.address().name());
        o.put("action", lower(c.action()));
        o.set("reason", reason(c.reason()));
        if (c instanceof ContainerChange cc) {
            o.put("container_name", cc.containerName());
            o.put("spec_hash", cc.specHash());
            ArrayNode diffs = o.putArray("diffs");
            Redaction redaction = PlanView.redaction(c);
            cc.diffs().forEach(d -> diffs.add(diff(d, redaction)));
        }
        return o;
    }

    static ObjectNode reason(Reason r) {
        ObjectNode o = NODES.objectNode();
        o.put("code", r.code());
        o.put("drift", r.isDrift());
        if (r instanceof Reason.SpecChanged s) {
            ArrayNode paths = o.putArray("paths");
            s.paths().forEach(paths::add);
        } else if (r instanceof Reason.ImageChanged i) {
            o.put("before_image_id", i.beforeId());
            o.put("after_image_id", i.afterId());
        } else if (r instanceof Reason.DriftStopped s) {
            o.put("state", s.state());
        } else if (r instanceof Reason.DependencyReplaced d) {
            o.put("dependency", d.dependency());
        } else if (r instanceof Reason.Duplicate d) {
            o.put("kept", d.kept());
        } else if (r instanceof Reason.InterruptedReplace i) {
            o.put("parked", i.parked());
        }
        return o;
    }

    private static ObjectNode note(Note n) {
        ObjectNode o = NODES.objectNode();
        o.put("kind", lower(n.kind()));
        o.put("object", lower(n.object()));
        o.put("name", n.name());
        o.put("stack", n.stack());
        o.put("detail", n.detail());
        return o;
    }

    private static ObjectNode diff(AttributeDiff d, Redaction redaction) {
        ObjectNode o = NODES.objectNode();
        o.put("path", redaction.apply(d.path()));
        o.put("before", redaction.apply(d.before()));
        o.put("after", redaction.apply(d.after()));
        o.put("sensitive", d.sensitive());
        return o;
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
