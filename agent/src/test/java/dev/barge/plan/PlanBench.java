package dev.barge.plan;

import static dev.barge.plan.ServiceBuilder.service;

import dev.barge.config.model.StackSpec;
import dev.barge.docker.ActualState;
import dev.barge.select.NodeSlice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Plans 200 stacks of 5 services against an engine that matches them (the daemon's steady state: every
 * poll plans, nothing changes) and prints median and p95 wall time. Run: {@code mvn -B -o -Pbench -DskipTests test}
 * in agent/ (the bench profile runs this main in its own JVM); not a test, so a slow machine fails nothing.
 */
public final class PlanBench {
    private static final int STACKS = 200;
    private static final int WARMUP = 200;
    private static final int RUNS = 100;

    private PlanBench() {
    }

    public static void main(String[] args) {
        List<StackSpec> stacks = new ArrayList<>();
        for (int i = 0; i < STACKS; i++) {
            String name = String.format(Locale.ROOT, "stack%03d", i);
            stacks.add(Fixtures.stack(name, StackSpec.Drift.CORRECT, List.of("data"),
                    service("db").volume("data", "/var/lib/db").secretEnv("DB_PASSWORD", "pw" + i)
                            .healthcheck("CMD", "pg_isready").limits(536870912L, 1.5).build(),
                    service("cache").image("redis:7").command("redis-server", "--save", "").build(),
                    service("api").env("TAG", "1." + i).env("LOG", "info").port(10000 + i, 80).dependsOn("db", true)
                            .dependsOn("cache", false).label("traefik.enable", "true").config("app.yaml", "/etc/app.yaml",
                                    "name: " + name).build(),
                    service("worker").command("sh", "-c", "work").dependsOn("api", true).user("1000").build(),
                    service("proxy").port(20000 + i, 8443).dependsOn("api", false)
                            .secretFile("tls_key", "/run/secrets/tls.key", "key" + i).build()));
        }
        StackSpec[] all = stacks.toArray(StackSpec[]::new);
        NodeSlice slice = Fixtures.slice(all);
        ActualState actual = Fixtures.matching(all);
        PriorState prior = Fixtures.recorded(actual.containers().toArray(ActualState.Container[]::new));
        PlanOptions options = new PlanOptions(Fixtures.COMMIT, false);
        Planner planner = new Planner(Fixtures.KEY);

        long cold = System.nanoTime();
        Plan plan = planner.plan(slice, actual, prior, options);
        cold = System.nanoTime() - cold;
        if (plan.hasChanges() || plan.summary().unchanged() != STACKS * 5) {
            throw new IllegalStateException("the bench state does not match its config: " + plan.summary());
        }
        for (int i = 0; i < WARMUP; i++) {
            planner.plan(slice, actual, prior, options);
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            planner.plan(slice, actual, prior, options);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "PlanBench: %d stacks x 5 services, %d runs after %d warm-up: median %.1f ms,"
                        + " p95 %.1f ms, min %.1f ms; the first plan in a fresh JVM %.1f ms%n", STACKS, RUNS, WARMUP,
                nanos[RUNS / 2] / 1e6, nanos[(int) Math.ceil(RUNS * 0.95) - 1] / 1e6, nanos[0] / 1e6, cold / 1e6);
    }
}
