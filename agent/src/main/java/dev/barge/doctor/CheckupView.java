package dev.barge.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.barge.view.Colour;
import dev.barge.view.Nouns;
import dev.barge.view.Printable;
import java.util.Locale;

/** {@code barge doctor}'s two forms: a line per check with ✓ or ✗ and the fix, or versioned JSON for scripts. */
public final class CheckupView {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String FORMAT_VERSION = "1";

    private CheckupView() {
    }

    public static String human(Checkup checkup, boolean colour) {
        StringBuilder out = new StringBuilder();
        for (Finding f : checkup.findings()) {
            String mark = switch (f.result()) {
                case PASSED -> Colour.GREEN.paint("✓", colour);
                case FAILED -> Colour.RED.paint("✗", colour);
                case NOT_CHECKED -> Colour.DIM.paint("-", colour);
            };
            out.append(mark).append(' ').append(Printable.escape(f.detail())).append('\n');
            if (!f.fix().isEmpty()) {
                out.append("    fix: ").append(Printable.escape(f.fix())).append('\n');
            }
        }
        long failed = checkup.findings().stream().filter(f -> f.result() == Finding.Result.FAILED).count();
        out.append(checkup.healthy() ? "All " + checkup.passed() + " checks passed."
                : Nouns.count(failed, "check") + " failed, " + checkup.passed() + " passed: fix the first one first.").append('\n');
        return out.toString();
    }

    public static String json(Checkup checkup) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("healthy", checkup.healthy());
        ArrayNode checks = root.putArray("checks");
        for (Finding f : checkup.findings()) {
            ObjectNode c = checks.addObject();
            c.put("check", f.check());
            c.put("result", f.result().name().toLowerCase(Locale.ROOT));
            c.put("detail", f.detail());
            if (f.fix().isEmpty()) {
                c.putNull("fix");
            } else {
                c.put("fix", f.fix());
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and booleans always serialises", e);
        }
    }
}
