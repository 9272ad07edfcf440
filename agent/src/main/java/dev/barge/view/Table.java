package dev.barge.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Left-aligned columns separated by two spaces, the last column not padded so lines carry no
 * trailing blanks. Colour is applied to a cell after padding, so escape codes never skew the widths.
 */
final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) {
        this.header = List.of(header);
    }

    Table row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row has " + cells.length + " cells, the table " + header.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(Printable::escape).toList());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Each line starts with {@code indent}; {@code paint(column, paddedCell)} colours a body cell. */
    String render(String indent, boolean colour, BiFunction<Integer, String, String> paint) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, indent, header, widths, (c, cell) -> Colour.BOLD.paint(cell, colour));
        rows.forEach(row -> line(out, indent, row, widths, colour ? paint : (c, cell) -> cell));
        return out.toString();
    }

    String render(String indent) {
        return render(indent, false, (c, cell) -> cell);
    }

    private static void line(StringBuilder out, String indent, List<String> cells, int[] widths,
                             BiFunction<Integer, String, String> paint) {
        StringBuilder line = new StringBuilder(indent);
        for (int c = 0; c < cells.size(); c++) {
            boolean last = c == cells.size() - 1;
            String cell = cells.get(c);
            String padded = last ? cell : cell + " ".repeat(widths[c] - cell.length());
            line.append(paint.apply(c, padded));
            if (!last) {
                line.append("  ");
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
