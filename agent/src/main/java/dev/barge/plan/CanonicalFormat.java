package dev.barge.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * How each kind of value is written in the canonical form. Every format is fixed here rather than
 * left to the JDK ({@code Double.toString} changed in JDK 19), so a hash never depends on the JVM.
 */
final class CanonicalFormat {
    private CanonicalFormat() {
    }

    /** A list as a JSON array of strings, order kept. */
    static String list(Collection<String> items) {
        StringBuilder out = new StringBuilder().append('[');
        Iterator<String> it = items.iterator();
        while (it.hasNext()) {
            FlatJson.quote(it.next(), out);
            if (it.hasNext()) {
                out.append(',');
            }
        }
        return out.append(']').toString();
    }

    /** {@code 90s}, {@code 1500ms}, {@code 10ns}: whole seconds when exact, else the finest unit needed. */
    static String duration(Duration d) {
        if (d.getNano() == 0) {
            return d.getSeconds() + "s";
        }
        if (d.getNano() % 1_000_000 == 0) {
            return d.toMillis() + "ms";
        }
        return d.toNanos() + "ns";
    }

    /** A decimal from the double's exact binary value rounded to 9 places: 0.5, 1, 0.1. */
    static String decimal(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        BigDecimal exact = new BigDecimal(value).setScale(9, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return exact.signum() == 0 ? "0" : exact.toPlainString();
    }

    /**
     * Fields as {@code key=value,...} in the given order, with {@code \ , =} escaped in values so two
     * different field sets never write the same text. Null values are left out.
     */
    static String fields(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> {
            if (v == null) {
                return;
            }
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(k).append('=');
            String s = v.toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' || c == ',' || c == '=') {
                    out.append('\\');
                }
                out.append(c);
            }
        });
        return out.toString();
    }
}
