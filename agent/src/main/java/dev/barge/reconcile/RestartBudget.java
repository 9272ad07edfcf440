package dev.barge.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps a crash-looping container from turning the agent into a hot loop: at most {@code max}
 * corrective reconciles per service within {@code window}. A service that runs out is given up on
 * until a new commit is applied ({@link #reset()}); the agent reports it once.
 */
public final class RestartBudget {
    public static final int MAX = 5;
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private final int max;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> spent = new HashMap<>();
    private final Set<String> givenUp = new TreeSet<>();

    public RestartBudget(int max, Duration window, Clock clock) {
        this.max = max;
        this.window = window;
        this.clock = clock;
    }

    public RestartBudget(Clock clock) {
        this(MAX, WINDOW, clock);
    }

    /** What {@link #tryCorrect} decided for a service. */
    public enum Verdict {
        /** Correct it; one restart of the budget spent. */
        CORRECT,
        /** The budget ran out just now: report it once, then leave the service alone. */
        EXHAUSTED,
        /** Given up earlier: ignore until a new commit. */
        GIVEN_UP
    }

    /** {@code service} is "stack/service". */
    public synchronized Verdict tryCorrect(String service) {
        if (givenUp.contains(service)) {
            return Verdict.GIVEN_UP;
        }
        Instant now = clock.instant();
        Deque<Instant> times = spent.computeIfAbsent(service, s -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
            times.removeFirst();
        }
        if (times.size() >= max) {
            givenUp.add(service);
            spent.remove(service);
            return Verdict.EXHAUSTED;
        }
        times.addLast(now);
        return Verdict.CORRECT;
    }

    public synchronized Set<String> givenUp() {
        return Set.copyOf(givenUp);
    }

    /** A new commit was applied: every service gets its full budget back. */
    public synchronized void reset() {
        spent.clear();
        givenUp.clear();
    }
}
