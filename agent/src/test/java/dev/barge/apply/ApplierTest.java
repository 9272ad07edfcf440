package dev.barge.apply;

import static dev.barge.apply.Services.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.apply.ApplyReport.Outcome;
import dev.barge.apply.ApplyReport.StackStatus;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.Dependency.Condition;
import dev.barge.config.model.StackSpec;
import dev.barge.docker.ActualState;
import dev.barge.plan.Action;
import dev.barge.plan.Fixtures;
import dev.barge.plan.Plan;
import dev.barge.plan.PlanOptions;
import dev.barge.plan.Planner;
import dev.barge.plan.PriorState;
import dev.barge.select.NodeIdentity;
import dev.barge.select.NodeSlice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The applier's sequencing against an in-memory engine; ApplierIT runs the same ideas for real. */
class ApplierTest {

    private static final ApplyOptions FAST = ApplyOptions.DEFAULTS.withSettleTime(Duration.ZERO)
            .withPollInterval(Duration.ofMillis(5));

    private final FakeGateway engine = new FakeGateway();
    private final List<String> lines = new ArrayList<>();
    private final Applier applier = new Applier(engine, List.of(), FAST, lines::add);

    @Test
    void pullsEveryImageBeforeTouchingAnyContainer() {
        StackSpec before = Services.stack("shop", service("web").image("web:1").build());
        StackSpec after = Services.stack("shop", service("web").image("web:2").build(),
                service("db").image("db:1").build());
        StackSpec blog = Services.stack("blog", service("app").image("app:1").build());
        engine.running("id-shop-web-1", "shop-web-1");

        ApplyReport report = applier.apply(plan(List.of(Fixtures.running(before, before.project().services().get("web"))),
                after, blog));

        assertThat(report.succeeded()).isTrue();
        int lastPull = lastIndex("pull ");
        assertThat(lastPull).isLessThan(firstIndex("stop ")).isLessThan(firstIndex("create "));
        assertThat(engine.calls.subList(0, lastPull + 1))
                .containsExactlyInAnyOrder("pull web:2", "pull db:1", "pull app:1");
        assertThat(report.digests()).containsOnlyKeys("shop/web", "shop/db", "blog/app");
    }

    @Test
    void aStackWhoseImageCannotBeGotIsNotTouchedWhileOthersApply() {
        engine.unpullable.add("broken:1");
        StackSpec a = Services.stack("a", service("web").image("broken:1").build());
        StackSpec b = Services.stack("b", service("web").build());
        engine.localImages.add("busybox:1.36");

        ApplyReport report = applier.apply(plan(List.of(), a, b));

        assertThat(report.succeeded()).isFalse();
        assertThat(report.stack("a").status()).isEqualTo(StackStatus.FAILED);
        assertThat(report.stack("a").reason()).startsWith("a/web: pull of broken:1 failed: manifest unknown");
        assertThat(report.stack("b").status()).isEqualTo(StackStatus.APPLIED);
        assertThat(engine.calls).noneMatch(c -> c.contains("a_default") || c.contains("a-web-1"));
        assertThat(report.changes()).filteredOn(c -> c.address().stack().equals("a"))
                .extracting(ApplyReport.ChangeResult::outcome).containsOnly(Outcome.SKIPPED);
    }

    @Test
    void aRuntimeTheEngineDoesNotHaveFailsItsStackBeforeTheOldContainerStops() {
        engine.localImages.add("busybox:1.36");
        engine.runtimes = java.util.Set.of("runc", "io.containerd.runc.v2");
        StackSpec before = Services.stack("shop", service("web").build());
        StackSpec after = Services.stack("shop", service("web")
                .engine(new ServiceSpec.Engine(null, "nvidia", List.of(), 1)).build());
        StackSpec other = Services.stack("blog", service("app").engine(new ServiceSpec.Engine(null, "runc", List.of(), 1)).build());
        engine.running("id-shop-web-1", "shop-web-1");

        ApplyReport report = applier.apply(plan(List.of(Fixtures.running(before, before.project().services().get("web"))),
                after, other));

        assertThat(report.stack("shop").status()).isEqualTo(StackStatus.FAILED);
        assertThat(report.stack("shop").reason()).isEqualTo("shop/web: asks for runtime nvidia, which this Docker engine"
                + " does not have (it has io.containerd.runc.v2, runc): register it in the engine's daemon.json, or remove"
                + " runtime: from the service; nothing of stack shop was changed");
        assertThat(engine.calls).noneMatch(c -> c.contains("shop-web-1"));
        assertThat(engine.containers.get("id-shop-web-1").status).isEqualTo(ActualState.Status.RUNNING);
        assertThat(report.stack("blog").status()).isEqualTo(StackStatus.APPLIED);
    }

    @Test
    void anEngineThatCannotListItsRuntimesLeavesTheRuntimeToCreate() {
        engine.localImages.add("busybox:1.36");
        StackSpec stack = Services.stack("shop", service("web").engine(new ServiceSpec.Engine(null, "kata", List.of(), 1)).build());

        ApplyReport report = applier.apply(plan(List.of(), stack));

        assertThat(report.succeeded()).isTrue();
    }

    @Test
    void aReplaceThatFailsItsGatePutsTheOldContainerBackAndRunning() {
        engine.localImages.add("busybox:1.36");
        StackSpec before = Services.stack("shop", service("web").env("V", "1").build());
        StackSpec after = Services.stack("shop", service("web").env("V", "2").build());
        engine.running("id-shop-web-1", "shop-web-1");
        engine.exitsWith.put("shop-web-1", 3);

        ApplyReport report = applier.apply(plan(List.of(Fixtures.running(before, before.project().services().get("web"))),
                after));

        // the new container is made before the old one stops, under a name of its own
        assertThat(calls()).containsSubsequence("create shop-web-1-barge-new", "stop shop-web-1",
                "rename shop-web-1 shop-web-1-barge-old", "rename shop-web-1-barge-new shop-web-1", "start shop-web-1",
                "remove shop-web-1", "rename shop-web-1-barge-old shop-web-1", "start shop-web-1");
        assertThat(engine.containers.get("id-shop-web-1").status).isEqualTo(ActualState.Status.RUNNING);
        assertThat(engine.containers).hasSize(1);
        var failed = report.changes().stream().filter(c -> c.outcome() == Outcome.FAILED).findFirst().orElseThrow();
        assertThat(failed.detail()).isEqualTo(
                "shop/web failed its health gate: exited with code 3; the old container runs again");
        assertThat(failed.logTail()).containsExactly("log of shop-web-1");
        assertThat(report.stack("shop").reason()).isEqualTo(failed.detail());
        assertThat(report.specHashes()).doesNotContainKey("shop-web-1");
        assertThat(lines).contains("! shop/web failed its health gate: exited with code 3; the old container runs again",
                "    | log of shop-web-1");
    }

    @Test
    void aReplaceThatPassesRemovesTheOldContainer() {
        engine.localImages.add("busybox:1.36");
        StackSpec before = Services.stack("shop", service("web").env("V", "1").build());
        StackSpec after = Services.stack("shop", service("web").env("V", "2").build());
        engine.running("id-shop-web-1", "shop-web-1");

        Plan plan = plan(List.of(Fixtures.running(before, before.project().services().get("web"))), after);
        ApplyReport report = applier.apply(plan);

        assertThat(report.succeeded()).isTrue();
        assertThat(engine.calls).endsWith("remove shop-web-1-barge-old");
        assertThat(engine.containers.values()).extracting(f -> f.name).containsExactly("shop-web-1");
        assertThat(report.specHashes()).containsOnlyKeys("shop-web-1");
        assertThat(lines).anyMatch(l -> l.startsWith("~ shop/web replaced (running without restart for "));
    }

    /**
     * Regression: an apply killed while a replacement waited for its health gate left the old container
     * parked and the replacement running; the next apply kept the replacement (same spec) and deleted
     * the parked one as a duplicate, so a replacement that would have failed its gate was never checked.
     */
    @Test
    void aReplaceThatAnApplyDiedInIsCarriedOutAgainAndAFailingGatePutsTheParkedContainerBack() {
        engine.localImages.add("busybox:1.36");
        engine.exitsWith.put("shop-web-1", 3);
        Plan plan = interruptedReplace();

        ApplyReport report = applier.apply(plan);

        assertThat(calls()).containsSubsequence("stop shop-web-1", "remove shop-web-1",
                "create shop-web-1-barge-new", "stop shop-web-1-barge-old", "rename shop-web-1-barge-new shop-web-1",
                "start shop-web-1", "remove shop-web-1", "rename shop-web-1-barge-old shop-web-1", "start shop-web-1");
        assertThat(engine.calls).doesNotContain("rename shop-web-1-barge-old shop-web-1-barge-old-barge-old");
        assertThat(engine.containers.values()).singleElement().satisfies(f -> {
            assertThat(f.id).isEqualTo("id-shop-web-1-barge-old");
            assertThat(f.name).isEqualTo("shop-web-1");
            assertThat(f.status).isEqualTo(ActualState.Status.RUNNING);
        });
        assertThat(report.succeeded()).isFalse();
        assertThat(report.stack("shop").reason())
                .isEqualTo("shop/web failed its health gate: exited with code 3; the old container runs again");
    }

    @Test
    void aReplaceThatAnApplyDiedInAndThatPassesItsGateRemovesTheParkedContainer() {
        engine.localImages.add("busybox:1.36");
        ApplyReport report = applier.apply(interruptedReplace());

        assertThat(report.succeeded()).isTrue();
        assertThat(engine.calls).endsWith("remove shop-web-1-barge-old");
        assertThat(engine.containers.values()).singleElement().satisfies(f -> {
            assertThat(f.name).isEqualTo("shop-web-1");
            assertThat(f.fresh).isTrue();
        });
        assertThat(report.specHashes()).containsOnlyKeys("shop-web-1");
    }

    /** V1 parked and stopped by an apply that died, V2 running under the name but never through its gate. */
    private Plan interruptedReplace() {
        StackSpec before = Services.stack("shop", service("web").env("V", "1").build());
        StackSpec after = Services.stack("shop", service("web").env("V", "2").build());
        engine.running("id-shop-web-1", "shop-web-1");
        engine.running("id-shop-web-1-barge-old", "shop-web-1-barge-old");
        engine.containers.get("id-shop-web-1-barge-old").status = ActualState.Status.EXITED;
        ActualState.Container unverified = Fixtures.running(after, after.project().services().get("web"));
        ActualState.Container parked = Fixtures.renamed(Fixtures.with(Fixtures.running(before,
                before.project().services().get("web")), ActualState.Status.EXITED, 137), "shop-web-1-barge-old");
        return plan(List.of(unverified, parked), after);
    }

    @Test
    void aJobRunsToCompletionBeforeTheServiceThatWaitsForIt() {
        engine.localImages.add("busybox:1.36");
        engine.exitsWith.put("shop-migrate-1", 0);
        StackSpec stack = Services.stack("shop", service("migrate").restart("no").build(),
                service("app").dependsOn("migrate", Condition.SERVICE_COMPLETED_SUCCESSFULLY).build());

        ApplyReport report = applier.apply(plan(List.of(), stack));

        assertThat(report.succeeded()).isTrue();
        assertThat(engine.calls).containsSubsequence("start shop-migrate-1", "create shop-app-1", "start shop-app-1");
        assertThat(lines).anyMatch(l -> l.startsWith("+ shop/migrate created (completed in "));
    }

    @Test
    void aFailedJobStopsItsStackBeforeItsDependent() {
        engine.localImages.add("busybox:1.36");
        engine.exitsWith.put("shop-migrate-1", 2);
        StackSpec stack = Services.stack("shop", service("migrate").restart("no").build(),
                service("app").dependsOn("migrate", Condition.SERVICE_COMPLETED_SUCCESSFULLY).build());

        ApplyReport report = applier.apply(plan(List.of(), stack));

        assertThat(report.stack("shop").reason())
                .isEqualTo("shop/migrate failed its health gate: exited with code 2; the new container was removed");
        assertThat(engine.calls).doesNotContain("create shop-app-1");
        assertThat(report.changes()).filteredOn(c -> c.address().name().equals("app"))
                .extracting(ApplyReport.ChangeResult::outcome).containsExactly(Outcome.SKIPPED);
    }

    @Test
    void waitingForAHealthyDependencyWithoutAHealthcheckFailsNamingIt() {
        engine.localImages.add("busybox:1.36");
        StackSpec stack = Services.stack("shop", service("db").build(),
                service("app").dependsOn("db", Condition.SERVICE_HEALTHY).build());

        ApplyReport report = applier.apply(plan(List.of(), stack));

        assertThat(report.stack("shop").reason()).isEqualTo("shop/app failed: shop/app depends on db (service_healthy),"
                + " which has no healthcheck: give it one or use condition service_started");
        assertThat(engine.calls).doesNotContain("create shop-app-1");
    }

    @Test
    void namedVolumesNoLongerInTheConfigAreKeptUnlessThePlanWasAskedToRemoveThem() {
        ActualState actual = new ActualState(List.of(), List.of(),
                List.of(new ActualState.Volume("old_data", "old", Map.of())), List.of());
        Plan kept = new Planner(Fixtures.KEY).plan(slice(), actual, PriorState.NONE, new PlanOptions(null, false));

        ApplyReport unchanged = applier.apply(kept);
        assertThat(engine.calls).isEmpty();
        assertThat(unchanged.stack("old").status()).isEqualTo(StackStatus.UNCHANGED);

        Plan removal = new Planner(Fixtures.KEY).plan(slice(), actual, PriorState.NONE, new PlanOptions(null, false, true));
        assertThat(removal.changes()).singleElement().satisfies(c -> assertThat(c.action()).isEqualTo(Action.DELETE));
        ApplyReport removed = applier.apply(removal);
        assertThat(engine.calls).containsExactly("remove volume old_data");
        assertThat(removed.stack("old").status()).isEqualTo(StackStatus.APPLIED);
    }

    /**
     * Regression (issue 9, bug 3): apply removed a volume the plan listed as unchanged (kept). Now apply
     * does exactly the changes that act: a plan of only unchanged containers, networks and kept volumes
     * makes no engine call at all, and a plan's calls are exactly its changes.
     */
    @Test
    void applyActsOnVolumesThePlanMarkedAsUnchanged() {
        StackSpec web = Fixtures.stack("web", StackSpec.Drift.CORRECT, List.of("data"), service("db").volume("data", "/data").build());
        ActualState running = Fixtures.matching(web);
        ActualState withOldVolume = new ActualState(running.containers(), running.networks(),
                java.util.stream.Stream.concat(running.volumes().stream(),
                        java.util.stream.Stream.of(new ActualState.Volume("web_cache", "web", Map.of()))).toList(),
                running.images());
        Plan plan = new Planner(Fixtures.KEY).plan(Fixtures.slice(web), withOldVolume,
                new PriorState(Fixtures.COMMIT, Map.of()), new PlanOptions(Fixtures.COMMIT, false));
        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.changes()).extracting(c -> c.action() + " " + c.address())
                .containsExactly("NONE web/db", "NONE volume/web_cache");

        ApplyReport report = applier.apply(plan);

        assertThat(engine.calls).isEmpty();
        assertThat(report.changes()).extracting(ApplyReport.ChangeResult::outcome).containsOnly(Outcome.UNCHANGED);
    }

    @Test
    void everyEngineCallOfAnApplyIsAChangeOfThePlan() {
        engine.localImages.add("busybox:1.36");
        StackSpec shop = Fixtures.stack("shop", StackSpec.Drift.CORRECT, List.of("data"), service("db").volume("data", "/data").build());
        ActualState old = new ActualState(List.of(), List.of(new ActualState.Network("n1", "gone_default", "gone", Map.of())),
                List.of(new ActualState.Volume("gone_data", "gone", Map.of())), List.of());
        Plan plan = new Planner(Fixtures.KEY).plan(Fixtures.slice(shop), old, PriorState.NONE,
                new PlanOptions(null, false));

        applier.apply(plan);

        assertThat(plan.changes()).extracting(c -> c.action() + " " + c.address()).containsExactly(
                "CREATE network/shop_default", "CREATE volume/shop_data", "CREATE shop/db",
                "DELETE network/gone_default", "NONE volume/gone_data");
        // stacks run side by side: the plan's order holds within each stack
        assertThat(engine.calls).containsExactlyInAnyOrder("create network shop_default", "create volume shop_data",
                "create shop-db-1", "start shop-db-1", "remove network n1");
        assertThat(engine.calls).filteredOn(c -> c.contains("shop")).containsExactly("create network shop_default",
                "create volume shop_data", "create shop-db-1", "start shop-db-1");
    }

    @Test
    void aServiceNeverStartsBeforeTheServiceItDependsOnPassedItsGate() {
        engine.localImages.add("busybox:1.36");
        List<ServiceSpec> services = new ArrayList<>(List.of(service("db").build(),
                service("api").dependsOn("db", Condition.SERVICE_STARTED).build(),
                service("web").dependsOn("api", Condition.SERVICE_STARTED).build()));
        for (int i = 0; i < 4; i++) {
            services.add(service("worker" + i).dependsOn("db", Condition.SERVICE_STARTED).build());
        }
        StackSpec shop = Services.stack("shop", services.toArray(ServiceSpec[]::new));
        // progress lines and engine calls in one log: a line is written once its container passed its gate
        Applier parallel = new Applier(engine, List.of(), FAST.withSettleTime(Duration.ofMillis(40)).withParallelism(8),
                line -> engine.calls.add("line " + line));

        Plan plan = plan(List.of(), shop);
        ApplyReport report = parallel.apply(plan);

        assertThat(report.succeeded()).isTrue();
        List<String> log = List.copyOf(engine.calls);
        int dbPassed = indexOf(log, "line + shop/db created");
        assertThat(indexOf(log, "create shop-api-1")).isGreaterThan(dbPassed);
        assertThat(indexOf(log, "create shop-web-1")).isGreaterThan(indexOf(log, "line + shop/api created"));
        for (int i = 0; i < 4; i++) {
            assertThat(indexOf(log, "create shop-worker" + i + "-1")).isGreaterThan(dbPassed);
        }
        // the workers and api ran side by side: some began before another had passed its gate
        assertThat(indexOf(log, "create shop-worker3-1")).isLessThan(indexOf(log, "line + shop/worker0 created"));
        // the report in plan order, not in the order the changes finished
        assertThat(report.changes()).extracting(c -> c.address().toString())
                .containsExactlyElementsOf(plan.changes().stream().map(c -> c.address().toString()).toList());
    }

    @Test
    void aFailingBranchIsPutBackWhileTheOtherBranchesApply() {
        engine.localImages.add("busybox:1.36");
        engine.exitsWith.put("shop-db-1", 3);
        StackSpec shop = Services.stack("shop", service("db").build(),
                service("api").dependsOn("db", Condition.SERVICE_STARTED).build(), service("cache").build(),
                service("web").dependsOn("cache", Condition.SERVICE_STARTED).build());

        ApplyReport report = applier.apply(plan(List.of(), shop));

        assertThat(report.changes()).extracting(c -> c.address() + " " + c.outcome()).containsExactly(
                "network/shop_default DONE", "shop/cache DONE", "shop/db FAILED", "shop/api SKIPPED", "shop/web DONE");
        assertThat(report.stack("shop").status()).isEqualTo(StackStatus.FAILED);
        assertThat(report.stack("shop").reason()).startsWith("shop/db failed its health gate: exited with code 3");
        assertThat(engine.byName("shop-db-1")).isEmpty();
        assertThat(engine.calls).doesNotContain("create shop-api-1");
        assertThat(report.specHashes()).containsOnlyKeys("shop-cache-1", "shop-web-1");
    }

    @Test
    void aStartFirstReplacementPassesItsGateBeforeTheOldContainerStops() {
        engine.localImages.add("busybox:1.36");
        StackSpec before = Services.stack("shop", service("worker").env("V", "1").startFirst().build());
        StackSpec after = Services.stack("shop", service("worker").env("V", "2").startFirst().build());
        engine.running("id-shop-worker-1", "shop-worker-1");

        ApplyReport report = applier.apply(plan(List.of(Fixtures.running(before,
                before.project().services().get("worker"))), after));

        assertThat(report.succeeded()).isTrue();
        assertThat(calls()).containsSubsequence("create shop-worker-1-barge-new", "start shop-worker-1-barge-new",
                "stop shop-worker-1", "remove shop-worker-1", "rename shop-worker-1-barge-new shop-worker-1");
        assertThat(engine.containers.values()).singleElement().satisfies(f -> {
            assertThat(f.name).isEqualTo("shop-worker-1");
            assertThat(f.status).isEqualTo(ActualState.Status.RUNNING);
        });
        assertThat(lines).anyMatch(l -> l.startsWith("~ shop/worker replaced (") && l.contains("started first"));
    }

    @Test
    void aStartFirstReplacementThatFailsItsGateNeverTouchesTheOldContainer() {
        engine.localImages.add("busybox:1.36");
        engine.exitsWith.put("shop-worker-1", 3);
        StackSpec before = Services.stack("shop", service("worker").env("V", "1").startFirst().build());
        StackSpec after = Services.stack("shop", service("worker").env("V", "2").startFirst().build());
        engine.running("id-shop-worker-1", "shop-worker-1");

        ApplyReport report = applier.apply(plan(List.of(Fixtures.running(before,
                before.project().services().get("worker"))), after));

        assertThat(report.stack("shop").reason()).isEqualTo("shop/worker failed its health gate: exited with code 3;"
                + " the new container was removed; the old one kept running");
        assertThat(calls()).noneMatch(c -> c.startsWith("stop shop-worker-1") || c.startsWith("rename"));
        assertThat(engine.containers.values()).singleElement().satisfies(f -> {
            assertThat(f.id).isEqualTo("id-shop-worker-1");
            assertThat(f.status).isEqualTo(ActualState.Status.RUNNING);
        });
    }

    /** Where the first entry that starts with {@code entry} is. */
    private static int indexOf(List<String> log, String entry) {
        int i = -1;
        for (int j = 0; j < log.size() && i < 0; j++) {
            i = log.get(j).startsWith(entry) ? j : -1;
        }
        assertThat(i).as(entry + " in " + log).isNotNegative();
        return i;
    }

    /** The engine calls, a replacement's temporary name without its random part. */
    private List<String> calls() {
        return engine.calls.stream().map(c -> c.replaceAll("-barge-new-[0-9a-f]+", "-barge-new")).toList();
    }

    private Plan plan(List<ActualState.Container> running, StackSpec... stacks) {
        return new Planner(Fixtures.KEY).plan(slice(stacks), new ActualState(running, List.of(), List.of(), List.of()),
                PriorState.NONE, new PlanOptions(null, false));
    }

    private static NodeSlice slice(StackSpec... stacks) {
        return new NodeSlice(new NodeIdentity("vm-1", Map.of()),
                Arrays.stream(stacks).map(s -> new NodeSlice.Selected(s, "test")).toList(), List.of());
    }

    private int firstIndex(String prefix) {
        for (int i = 0; i < engine.calls.size(); i++) {
            if (engine.calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private int lastIndex(String prefix) {
        int last = -1;
        for (int i = 0; i < engine.calls.size(); i++) {
            if (engine.calls.get(i).startsWith(prefix)) {
                last = i;
            }
        }
        return last;
    }
}
