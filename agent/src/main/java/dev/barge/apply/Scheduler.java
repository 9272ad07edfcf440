package dev.barge.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Runs steps over a dependency graph on at most {@code bound} threads: a step starts once every
 * step it depends on has finished, and only if they all went well; otherwise it is skipped without
 * being run. Steps of several graphs (stacks) share the bound. A step never waits for another step
 * while it holds a thread (the graph does the waiting), so the bound cannot deadlock.
 */
final class Scheduler implements AutoCloseable {

    /** Why a step was not run. */
    enum Skip {
        /** A step it depends on failed or was skipped. */
        AFTER_FAILURE,
        /** The thread that runs the apply was interrupted before the step began. */
        INTERRUPTED
    }

    /** One unit of work; {@link #run} reports failure in its result rather than throwing. */
    interface Step<R> {
        R run();

        R skip(Skip why);
    }

    private final ExecutorService pool;
    private final Set<Thread> busy = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    Scheduler(int bound) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(bound, r -> {
            Thread t = new Thread(r, "barge-apply-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Schedules {@code steps}; {@code after.get(i)} holds the indexes (all lower than i) of the steps
     * step i depends on, {@code ok} says whether a result lets its dependents go on.
     *
     * @return one future per step, in the order of {@code steps}; none completes exceptionally
     */
    <R> List<CompletableFuture<R>> submit(List<? extends Step<R>> steps, List<Set<Integer>> after, Predicate<R> ok) {
        List<CompletableFuture<R>> futures = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step<R> step = steps.get(i);
            List<CompletableFuture<R>> before = new ArrayList<>();
            for (int j : after.get(i)) {
                if (j >= i) {
                    throw new IllegalArgumentException("step " + i + " depends on step " + j + ", which comes after it");
                }
                before.add(futures.get(j));
            }
            CompletableFuture<R> future = CompletableFuture.allOf(before.toArray(CompletableFuture[]::new))
                    .handleAsync((ignored, error) -> {
                        if (!before.stream().allMatch(f -> ok.test(f.join()))) {
                            return step.skip(Skip.AFTER_FAILURE);
                        }
                        return runOne(step);
                    }, pool);
            futures.add(future);
        }
        return futures;
    }

    private <R> R runOne(Step<R> step) {
        if (stopping) {
            return step.skip(Skip.INTERRUPTED);
        }
        Thread self = Thread.currentThread();
        busy.add(self);
        try {
            if (stopping) {
                return step.skip(Skip.INTERRUPTED);
            }
            return step.run();
        } finally {
            busy.remove(self);
            Thread.interrupted(); // the interrupt was for that step; the pool thread goes on to the next
        }
    }

    /**
     * Waits for every future. When the calling thread is interrupted meanwhile, steps that have not begun
     * are skipped, running ones are interrupted (their waits end and they undo what they did), and the
     * wait goes on until they have; the interrupt is then passed on to the caller.
     */
    <R> List<R> await(List<CompletableFuture<R>> futures) {
        boolean interrupted = Thread.currentThread().isInterrupted();
        if (interrupted) {
            stop();
        }
        List<R> results = new ArrayList<>();
        for (CompletableFuture<R> f : futures) {
            while (true) {
                try {
                    results.add(f.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a scheduled apply step threw", e.getCause());
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return results;
    }

    private void stop() {
        stopping = true;
        busy.forEach(Thread::interrupt);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
