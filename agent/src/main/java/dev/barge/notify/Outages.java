package dev.barge.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns what the agent sees of its git remote and engine into events: an outage is told once it has
 * lasted more than {@link #POLLS} polls (a blip, or a remote restarted for an upgrade, is not), and its
 * end is told only when its start was. The state lock held by a CLI apply is not an outage.
 */
final class Outages {
    static final int POLLS = 3;
    private static final List<String> WATCHED = List.of("git remote", "engine");

    private final String node;
    private final Clock clock;
    private final Consumer<Event> send;
    private final Map<String, Outage> open = new LinkedHashMap<>();

    private static final class Outage {
        final Instant since;
        String message;
        /** Polls begun since it began, the one that found it included. */
        int polls = 1;
        boolean told;

        Outage(Instant since, String message) {
            this.since = since;
            this.message = message;
        }
    }

    Outages(String node, Clock clock, Consumer<Event> send) {
        this.node = node;
        this.clock = clock;
        this.send = send;
    }

    synchronized void unavailable(String what, String message) {
        if (!WATCHED.contains(what)) {
            return;
        }
        open.computeIfAbsent(what, w -> new Outage(clock.instant(), message)).message = message;
    }

    /**
     * A poll began, so every poll since each open outage began has passed without ending it: the first
     * after more than {@link #POLLS} of them tells it.
     */
    synchronized void polled() {
        open.forEach((what, outage) -> {
            if (outage.polls > POLLS && !outage.told) {
                outage.told = true;
                send.accept(Events.unavailable(what, outage.message, node, outage.polls, clock.instant()));
            }
            outage.polls++;
        });
    }

    synchronized void available(String what) {
        Outage outage = open.remove(what);
        if (outage != null && outage.told) {
            send.accept(Events.recovered(what, node, Duration.between(outage.since, clock.instant()), clock.instant()));
        }
    }
}
