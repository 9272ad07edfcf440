package dev.barge.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The same failure at most once an hour: a drift correction that fails on every poll, or a commit
 * whose apply keeps failing for want of a registry, would otherwise page someone every 30 s. Events
 * that are not failures always pass; a success forgets every failure, so a failure after it is told
 * again at once.
 */
final class Dedupe {
    static final Duration WINDOW = Duration.ofHours(1);

    private final Clock clock;
    private final Map<String, Instant> sent = new HashMap<>();

    Dedupe(Clock clock) {
        this.clock = clock;
    }

    synchronized boolean admit(Event event) {
        if (!event.reason().isError()) {
            return true;
        }
        Instant now = clock.instant();
        Instant last = sent.get(event.key());
        if (last != null && Duration.between(last, now).compareTo(WINDOW) < 0) {
            return false;
        }
        sent.put(event.key(), now);
        return true;
    }

    synchronized void reset() {
        sent.clear();
    }
}
