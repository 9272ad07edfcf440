package dev.barge.diff;

import dev.barge.plan.HashKey;
import dev.barge.source.DirectoryTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code barge diff} of 200 nodes that each run 20 stacks of 3 services, in the worst case for its caching:
 * every node selects a different set of deployments (stack i comes from one of two deployments, chosen by the
 * node's label b_i), so each node is planned on its own, 4,000 stack plans per side. The head changes one
 * deployment's env. Prints the first run (cold JIT, as the CLI runs it) and the median of the next ones; loading
 * both sides is included. Run: {@code mvn -B -o -Pbench -DskipTests test} in agent/. Not a test.
 */
public final class DiffBench {
    static final int NODES = 200;
    static final int STACKS = 20;
    static final int RUNS = 7;

    private DiffBench() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("barge-diff-bench");
        try {
            FleetRepo base = repo(dir.resolve("base"), "info");
            FleetRepo head = repo(dir.resolve("head"), "debug");
            List<Long> millis = new ArrayList<>();
            List<Long> cpu = new ArrayList<>();
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            FleetDiff last = null;
            for (int run = 0; run < RUNS; run++) {
                long start = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime() / 1_000_000;
                DiffSecrets secrets = new DiffSecrets(List.of());
                Side b = Side.load("base", new DirectoryTree(base.dir), secrets);
                Side h = Side.load("head", new DirectoryTree(head.dir), secrets);
                last = Differ.diff(b, h, Optional.empty(), HashKey.of(FleetRepo.KEY), secrets.comparedByFile());
                millis.add((System.nanoTime() - start) / 1_000_000);
                cpu.add(threads.getCurrentThreadCpuTime() / 1_000_000 - cpuStart);
            }
            List<Long> warm = new ArrayList<>(millis.subList(1, millis.size()));
            warm.sort(null);
            List<Long> warmCpu = new ArrayList<>(cpu.subList(1, cpu.size()));
            warmCpu.sort(null);
            // wall time on a shared machine measures the neighbours too: the CPU time of this thread is printed as well
            System.out.printf(Locale.ROOT, "barge diff, %d nodes x %d stacks (%d distinct selections), loading both sides"
                            + " included: first run %d ms wall / %d ms CPU, then median %d ms wall / %d ms CPU;"
                            + " %d of %d nodes change in %d groups%n", NODES, STACKS, NODES, millis.get(0), cpu.get(0),
                    warm.get(warm.size() / 2), warmCpu.get(warmCpu.size() / 2), last.changed(), last.nodes(), last.groups().size());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Stack i of a node comes from deployment s{i}-a when its label b{i} is 1, else from s{i}-b (another env). */
    static FleetRepo repo(Path dir, String log) {
        FleetRepo r = new FleetRepo(dir);
        StringBuilder fleet = new StringBuilder("nodes:\n");
        for (int n = 0; n < NODES; n++) {
            fleet.append("  - name: vm-").append(n).append("\n    labels: {client: earth");
            int bits = n * 2654435 + 977;
            for (int i = 0; i < STACKS; i++) {
                fleet.append(", b").append(i).append(": \"").append((bits >> i) & 1).append('"');
            }
            fleet.append("}\n");
        }
        r.write("fleet.yaml", fleet.toString());
        r.write("stacks/app/compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment: {POSTGRES_DB: app, LOG: "${LOG}"}
                    volumes: [data:/var/lib/postgresql/data]
                    healthcheck: {test: [CMD, pg_isready], interval: 10s}
                  api:
                    image: registry.example.com/api:${TAG}
                    environment: {LOG_LEVEL: "${LOG}", DB: db}
                    ports: ["${PORT}:8080"]
                    depends_on: {db: {condition: service_healthy, restart: true}}
                  worker:
                    image: registry.example.com/worker:${TAG}
                    command: [work, --queue, default]
                    depends_on: [api]
                volumes:
                  data: {}
                """);
        StringBuilder deployments = new StringBuilder();
        for (int i = 0; i < STACKS; i++) {
            for (String variant : List.of("a", "b")) {
                String stackLog = i == 3 && variant.equals("a") ? log : "info";
                deployments.append(String.format(Locale.ROOT, """
                        ---
                        deployment: s%d-%s
                        match: {client: earth, b%d: "%s"}
                        stacks:
                          - name: app%d
                            compose: stacks/app/compose.yaml
                            env: {TAG: "1.%d.%s", LOG: %s, PORT: "%d"}
                        """, i, variant, i, variant.equals("a") ? "1" : "0", i, i, variant, stackLog, 10000 + i));
            }
        }
        r.write("deployments/all.yaml", deployments.toString());
        return r;
    }
}
