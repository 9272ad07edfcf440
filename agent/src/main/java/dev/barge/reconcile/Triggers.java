package dev.barge.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;

/**
 * What wakes the agent: the poll timer (the interval ±10 % so that a fleet does not fetch in step),
 * webhooks, engine events, a manual request, the start. Everything submitted before the agent takes
 * the next wakeup is coalesced into it, so a burst of webhooks is one reconcile. Senders (the HTTP
 * listener, the event stream) only submit; the agent's loop is the only taker.
 *
 * <p>Time comes from the injected clock and randomness from the injected supplier, so the timer is
 * tested by moving a fake clock and calling {@link #takeIfDue()}, without sleeping.
 */
public final class Triggers {
    /** The jitter, as a fraction of the interval either way. */
    static final double JITTER = 0.10;

    private final Duration interval;
    private final Clock clock;
    private final DoubleSupplier random;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Cause> pending = new ArrayList<>();
    private Instant pendingSince;
    private Instant nextPoll;
    private boolean stopped;

    /** {@code random} returns values in [0, 1); the first poll is one jittered interval from now. */
    public Triggers(Duration interval, Clock clock, DoubleSupplier random) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("poll interval must be positive: " + interval);
        }
        this.interval = interval;
        this.clock = clock;
        this.random = random;
        this.nextPoll = clock.instant().plus(jittered(interval));
    }

    public static Triggers system(Duration interval) {
        return new Triggers(interval, Clock.systemUTC(), Math::random);
    }

    public Duration interval() {
        return interval;
    }

    /** Adds a cause to the pending wakeup (creating it), and wakes the taker. */
    public void submit(Cause cause) {
        lock.lock();
        try {
            if (pending.isEmpty()) {
                pendingSince = clock.instant();
            }
            pending.add(cause);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The pending wakeup, with a poll folded in when the timer is due; empty when nothing is due yet. */
    public Optional<Wakeup> takeIfDue() {
        lock.lock();
        try {
            return takeLocked(clock.instant());
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a wakeup is due and takes it; empty once {@link #stop()} was called. */
    public Optional<Wakeup> take() throws InterruptedException {
        lock.lock();
        try {
            while (!stopped) {
                Instant now = clock.instant();
                Optional<Wakeup> due = takeLocked(now);
                if (due.isPresent()) {
                    return due;
                }
                long wait = Math.max(1, Duration.between(now, nextPoll).toNanos());
                changed.awaitNanos(Math.min(wait, TimeUnit.SECONDS.toNanos(1)));
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    private Optional<Wakeup> takeLocked(Instant now) {
        if (!now.isBefore(nextPoll)) {
            if (pending.isEmpty()) {
                pendingSince = now;
            }
            pending.add(new Cause.Poll());
        }
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        Wakeup wakeup = new Wakeup(pending, pendingSince);
        pending.clear();
        pendingSince = null;
        // whatever woke the agent, it fetches: the next poll is a full interval away
        nextPoll = now.plus(jittered(interval));
        return Optional.of(wakeup);
    }

    /**
     * Moves the next poll to {@code delay} (jittered) from now, e.g. sooner while the remote is down;
     * never later than one interval.
     */
    public void pollIn(Duration delay) {
        lock.lock();
        try {
            Duration d = delay.compareTo(interval) > 0 ? interval : delay;
            nextPoll = clock.instant().plus(jittered(d));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** When the poll timer fires next. */
    public Instant nextPoll() {
        lock.lock();
        try {
            return nextPoll;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a waiting {@link #take()}, which then returns empty; submits after this are ignored by it. */
    public void stop() {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean stopped() {
        lock.lock();
        try {
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    private Duration jittered(Duration d) {
        double factor = 1 - JITTER + 2 * JITTER * random.getAsDouble();
        return Duration.ofNanos((long) (d.toNanos() * factor));
    }
}
