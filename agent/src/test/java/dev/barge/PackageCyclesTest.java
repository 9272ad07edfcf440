package dev.barge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pipeline reads one way: cli → reconcile → stages, and no two packages import each other, directly
 * or through others. Sub-packages count as their top package (config.model is config); the root package
 * (Main, BargeException, Failure) is the shared base and stays out of the graph.
 */
class PackageCyclesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/barge");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.barge\\.([a-z]+)\\.", Pattern.MULTILINE);

    @Test
    void noCyclesBetweenPackages() throws IOException {
        Map<String, Set<String>> imports = graph();
        assertThat(imports).containsKeys("cli", "reconcile", "source", "config", "tree");
        List<String> cycles = new ArrayList<>();
        for (String start : imports.keySet()) {
            path(start, start, imports, new ArrayList<>(List.of(start)), new TreeSet<>(), cycles);
        }
        assertThat(cycles).as("package cycles").isEmpty();
    }

    @Test
    void sourceAndConfigDoNotImportEachOther() throws IOException {
        Map<String, Set<String>> imports = graph();
        assertThat(imports.get("config")).doesNotContain("source");
        assertThat(imports.get("source")).doesNotContain("reconcile", "cli");
    }

    @Test
    void onlyTheCommandLineSeesTheReconcilerFromAbove() throws IOException {
        Map<String, Set<String>> imports = graph();
        imports.forEach((pkg, uses) -> {
            if (!pkg.equals("cli")) {
                assertThat(uses).as(pkg + " imports").doesNotContain("cli");
            }
            // server and metrics observe the agent (its outcomes, its snapshot) from the side; notify tells of them; doctor checks a node
            if (!Set.of("cli", "reconcile", "server", "metrics", "notify", "doctor").contains(pkg)) {
                assertThat(uses).as(pkg + " imports").doesNotContain("reconcile");
            }
        });
    }

    private static void path(String start, String at, Map<String, Set<String>> imports, List<String> trail,
                             Set<String> seen, List<String> cycles) {
        for (String next : imports.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" → ", trail) + " → " + start);
            } else if (seen.add(next)) {
                trail.add(next);
                path(start, next, imports, trail, seen, cycles);
                trail.remove(trail.size() - 1);
            }
        }
    }

    private static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> imports = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // the root package
                }
                String pkg = relative.getName(0).toString();
                Set<String> uses = imports.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        uses.add(m.group(1));
                    }
                }
            }
        }
        return imports;
    }
}
