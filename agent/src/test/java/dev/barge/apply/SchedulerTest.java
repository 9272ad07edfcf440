package dev.barge.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The apply scheduler on its own: order, bound, failures, report order. */
class SchedulerTest {

    /** What a step did: its name, when it ran, and whether it was skipped. */
    record Ran(String name, String outcome, long began, long ended) {
        boolean ok() {
            return outcome.equals("done");
        }
    }

    private final Map<String, Long> ends = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();

    private Scheduler.Step<Ran> step(String name, long sleepMs, boolean fails) {
        return new Scheduler.Step<>() {
            @Override
            public Ran run() {
                long began = System.nanoTime();
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(sleepMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    running.decrementAndGet();
                }
                long ended = System.nanoTime();
                ends.put(name, ended);
                return new Ran(name, fails ? "failed" : "done", began, ended);
            }

            @Override
            public Ran skip(Scheduler.Skip why) {
                return new Ran(name, "skipped " + why, 0, 0);
            }
        };
    }

    @Test
    void aStepNeverBeginsBeforeEveryStepItWaitsForHasEnded() {
        // a chain db -> api -> web, and a fan-out of five workers on db, with sleeps that would finish them out of order
        List<Scheduler.Step<Ran>> steps = new ArrayList<>(List.of(step("db", 60, false), step("api", 40, false),
                step("web", 10, false)));
        List<Set<Integer>> after = new ArrayList<>(List.of(Set.of(), Set.of(0), Set.of(1)));
        for (int i = 0; i < 5; i++) {
            steps.add(step("worker" + i, 5 * (5 - i), false));
            after.add(Set.of(0));
        }
        List<Ran> ran;
        try (Scheduler scheduler = new Scheduler(4)) {
            ran = scheduler.await(scheduler.submit(steps, after, Ran::ok));
        }
        for (int i = 0; i < ran.size(); i++) {
            for (int j : after.get(i)) {
                assertThat(ran.get(i).began()).as(ran.get(i).name() + " after " + ran.get(j).name())
                        .isGreaterThanOrEqualTo(ran.get(j).ended());
            }
        }
        assertThat(ran).allMatch(Ran::ok);
    }

    @Test
    void noMoreStepsRunAtOnceThanTheBound() {
        List<Scheduler.Step<Ran>> steps = new ArrayList<>();
        List<Set<Integer>> after = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            steps.add(step("s" + i, 30, false));
            after.add(Set.of());
        }
        try (Scheduler scheduler = new Scheduler(3)) {
            scheduler.await(scheduler.submit(steps, after, Ran::ok));
        }
        assertThat(most.get()).isEqualTo(3);
    }

    @Test
    void aFailedBranchSkipsWhatWaitsForItAndLeavesTheOtherBranchesResults() {
        List<Scheduler.Step<Ran>> steps = List.of(step("db", 10, true), step("api", 10, false), step("cache", 30, false),
                step("web", 10, false), step("worker", 10, false));
        List<Set<Integer>> after = List.of(Set.of(), Set.of(0), Set.of(), Set.of(2), Set.of(1, 3));
        List<Ran> ran;
        try (Scheduler scheduler = new Scheduler(8)) {
            ran = scheduler.await(scheduler.submit(steps, after, Ran::ok));
        }
        assertThat(ran).extracting(r -> r.name() + " " + r.outcome()).containsExactly("db failed",
                "api skipped AFTER_FAILURE", "cache done", "web done", "worker skipped AFTER_FAILURE");
    }

    @Test
    void resultsComeInTheOrderOfTheStepsNotTheOrderTheyFinished() {
        List<Scheduler.Step<Ran>> steps = new ArrayList<>();
        List<Set<Integer>> after = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            steps.add(step("s" + i, 60 - 10L * i, false));
            after.add(Set.of());
        }
        List<Ran> ran;
        try (Scheduler scheduler = new Scheduler(6)) {
            ran = scheduler.await(scheduler.submit(steps, after, Ran::ok));
        }
        assertThat(ran).extracting(Ran::name).containsExactly("s0", "s1", "s2", "s3", "s4", "s5");
        assertThat(ends.get("s5")).isLessThan(ends.get("s0"));
    }

    @Test
    void anInterruptedApplySkipsWhatHasNotBegunAndLetsRunningStepsEnd() {
        List<Scheduler.Step<Ran>> steps = List.of(step("long", 5_000, false), step("next", 10, false));
        List<Set<Integer>> after = List.of(Set.of(), Set.of(0));
        List<Ran> ran;
        long start = System.nanoTime();
        try (Scheduler scheduler = new Scheduler(2)) {
            var futures = scheduler.submit(steps, after, Ran::ok);
            Thread.currentThread().interrupt();
            ran = scheduler.await(futures);
        }
        assertThat(Thread.interrupted()).isTrue();
        assertThat(System.nanoTime() - start).isLessThan(4_000_000_000L);
        assertThat(ran.get(1).outcome()).startsWith("skipped");
    }
}
