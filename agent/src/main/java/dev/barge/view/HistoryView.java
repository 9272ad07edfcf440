package dev.barge.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.barge.record.HistoryEntry;
import java.util.List;
import java.util.Objects;

/**
 * The node's history for people (a table, one line per apply) and for programs (every field,
 * digests included, in a versioned object). Entries are rendered in the order given: the command
 * passes them newest first.
 */
public final class HistoryView {
    public static final String FORMAT_VERSION = "1";

    private HistoryView() {
    }

    /** Lines ending with {@code \n}; an empty history is one sentence. */
    public static String human(List<HistoryEntry> entries, boolean colour) {
        if (entries.isEmpty()) {
            return "No history yet: nothing has been applied on this node.\n";
        }
        Table table = new Table("TIME", "COMMIT", "TRIGGER", "OUTCOME", "SUMMARY", "ERROR");
        for (HistoryEntry e : entries) {
            table.row(Cells.time(e.time()), Cells.commit(e.commit()), Cells.orNone(Objects.toString(e.trigger(), null)),
                    Cells.orNone(Objects.toString(e.outcome(), null)),
                    Cells.orNone(e.summary()), e.error() == null ? Cells.NONE : Cells.oneLine(e.error()));
        }
        return table.render("", colour, (column, cell) -> column == 3 ? outcomeColour(cell.strip()).paint(cell, true) : cell);
    }

    /** {@code {"format_version": "1", "entries": [...]}}, deterministic byte for byte. */
    public static String json(List<HistoryEntry> entries) {
        ObjectNode root = JsonText.NODES.objectNode();
        root.put("format_version", FORMAT_VERSION);
        ArrayNode list = root.putArray("entries");
        for (HistoryEntry e : entries) {
            ObjectNode o = list.addObject();
            o.put("time", JsonText.time(e.time()));
            o.put("commit", e.commit());
            o.put("trigger", Objects.toString(e.trigger(), null));
            o.put("outcome", Objects.toString(e.outcome(), null));
            o.put("summary", e.summary());
            o.put("error", e.error());
            o.set("digests", JsonText.sorted(e.digests()));
        }
        return JsonText.write(root);
    }

    static Colour outcomeColour(String outcome) {
        return switch (outcome) {
            case "applied" -> Colour.GREEN;
            case "failed" -> Colour.RED;
            case "partially-applied", "rolled-back" -> Colour.YELLOW;
            default -> Colour.DIM;
        };
    }
}
