package dev.barge.metrics;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text format 0.0.4 for tests (the Java client has none): every line
 * must be HELP, TYPE, or a sample with valid names, quoted and escaped label values and a float;
 * TYPE comes before its family's samples, once; a family's samples are contiguous; no series twice;
 * counters end in _total; histogram buckets are cumulative and end at le="+Inf" equal to _count.
 * Anything else throws {@link IllegalArgumentException} naming the line.
 */
public final class PromText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?|[-+]?Inf|NaN");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** "name{a=\"1\",b=\"2\"}" (labels sorted) → value. */
    private final Map<String, Double> series = new LinkedHashMap<>();
    private final Map<String, String> types = new HashMap<>();

    private PromText() {
    }

    public static PromText parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition does not end with a newline");
        }
        PromText p = new PromText();
        Set<String> closed = new HashSet<>();
        Set<String> helped = new HashSet<>();
        String current = null;
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            String where = "line " + n + " '" + line + "': ";
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
                    String family = parts[2];
                    require(NAME.matcher(family).matches(), where + "bad metric name");
                    require(!closed.contains(family), where + "family seen before");
                    if (parts[1].equals("TYPE")) {
                        require(parts.length == 4 && TYPES.contains(parts[3]), where + "unknown type");
                        require(!p.types.containsKey(family), where + "second TYPE");
                        p.types.put(family, parts[3]);
                    } else {
                        require(helped.add(family), where + "second HELP");
                    }
                    if (current != null && !current.equals(family)) {
                        closed.add(current);
                    }
                    current = family;
                }
                continue;
            }
            Sample s = sample(line, where);
            String family = p.family(s.name);
            if (!family.equals(current)) {
                require(!closed.contains(family), where + "samples of " + family + " are not contiguous");
                if (current != null) {
                    closed.add(current);
                }
                current = family;
            }
            String type = p.types.getOrDefault(family, "untyped");
            if (type.equals("counter")) {
                // the TYPE line names the family with or without _total (the Java client writes it with)
                require(s.name.equals(family + "_total") || s.name.equals(family + "_created")
                        || family.endsWith("_total") && s.name.equals(family), where + "counter sample not _total");
            }
            String key = key(s.name, s.labels);
            require(p.series.put(key, s.value) == null, where + "series twice");
        }
        p.checkHistograms();
        return p;
    }

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private static Sample sample(String line, String where) {
        Matcher m = NAME.matcher(line);
        require(m.lookingAt(), where + "no metric name");
        String name = m.group();
        int i = m.end();
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                Matcher l = LABEL.matcher(line).region(i, line.length());
                require(l.lookingAt(), where + "bad label name");
                String label = l.group();
                i = l.end();
                require(line.startsWith("=\"", i), where + "label without =\"");
                i += 2;
                StringBuilder value = new StringBuilder();
                while (line.charAt(i) != '"') {
                    char c = line.charAt(i++);
                    if (c == '\\') {
                        char e = line.charAt(i++);
                        require(e == '\\' || e == '"' || e == 'n', where + "bad escape");
                        value.append(e == 'n' ? '\n' : e);
                    } else {
                        value.append(c);
                    }
                }
                i++;
                require(labels.put(label, value.toString()) == null, where + "label twice");
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        require(i < line.length() && line.charAt(i) == ' ', where + "no space before the value");
        String[] rest = line.substring(i + 1).split(" ");
        require(rest.length == 1 || rest.length == 2 && rest[1].matches("-?\\d+"), where + "bad value or timestamp");
        require(FLOAT.matcher(rest[0]).matches(), where + "bad value");
        double v = rest[0].endsWith("Inf") ? (rest[0].startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                : Double.parseDouble(rest[0]);
        return new Sample(name, labels, v);
    }

    /** The family a sample belongs to: its name less a suffix its type adds. */
    private String family(String name) {
        for (String suffix : List.of("_total", "_created", "_bucket", "_sum", "_count", "")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if (types.containsKey(base) && (suffix.isEmpty() || !types.get(base).equals("gauge"))) {
                    return base;
                }
            }
        }
        return name;
    }

    private void checkHistograms() {
        types.forEach((family, type) -> {
            if (!type.equals("histogram")) {
                return;
            }
            Map<String, TreeMap<Double, Double>> buckets = new HashMap<>();
            series.forEach((key, value) -> {
                if (key.startsWith(family + "_bucket{")) {
                    Map<String, String> labels = labels(key);
                    String le = labels.remove("le");
                    require(le != null, family + " bucket without le");
                    double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                    buckets.computeIfAbsent(labels.toString(), k -> new TreeMap<>()).put(bound, value);
                }
            });
            buckets.forEach((labels, b) -> {
                double last = 0;
                for (double v : b.values()) {
                    require(v >= last, family + " buckets are not cumulative");
                    last = v;
                }
                require(b.lastKey() == Double.POSITIVE_INFINITY, family + " has no +Inf bucket");
            });
        });
    }

    private static Map<String, String> labels(String key) {
        Map<String, String> labels = new TreeMap<>();
        String inner = key.substring(key.indexOf('{') + 1, key.length() - 1);
        for (String pair : inner.isEmpty() ? new String[0] : inner.split("\u0000")) {
            int eq = pair.indexOf('=');
            labels.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return labels;
    }

    private static String key(String name, Map<String, String> labels) {
        StringBuilder b = new StringBuilder(name).append('{');
        labels.forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '{' ? "" : "\u0000").append(k).append('=').append(v));
        return b.append('}').toString();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The family's TYPE, null when it has none. */
    public String type(String family) {
        return types.get(family);
    }

    /** The sample's value; 0 when the series is absent (a counter not yet incremented). */
    public double value(String name, String... labelPairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        return series.getOrDefault(key(name, labels), 0.0);
    }

    /** The series of {@code name}, each as its labels, with their values. */
    public Map<Map<String, String>, Double> all(String name) {
        Map<Map<String, String>, Double> out = new LinkedHashMap<>();
        series.forEach((key, value) -> {
            if (key.startsWith(name + "{")) {
                out.put(labels(key), value);
            }
        });
        return out;
    }
}
