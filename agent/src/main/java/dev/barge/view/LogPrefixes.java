package dev.barge.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prefixes {@code barge logs} puts before each line when it shows several containers, as
 * {@code docker compose logs} does: the name padded to the longest, then {@code " | "}, each name in
 * its own colour on a terminal.
 */
public final class LogPrefixes {
    private static final List<Colour> CYCLE = List.of(Colour.CYAN, Colour.YELLOW, Colour.GREEN, Colour.MAGENTA, Colour.RED);

    private LogPrefixes() {
    }

    /** Name to prefix, in the order given; an empty list gives an empty map. */
    public static Map<String, String> of(List<String> names, boolean colour) {
        int width = names.stream().mapToInt(String::length).max().orElse(0);
        Map<String, String> prefixes = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String padded = name + " ".repeat(width - name.length()) + " | ";
            prefixes.put(name, CYCLE.get(i % CYCLE.size()).paint(padded, colour));
        }
        return prefixes;
    }
}
