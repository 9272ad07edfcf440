package dev.barge.reconcile;

import dev.barge.view.Printable;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The agent's log: one line per event on stderr, time-stamped, control characters escaped (lines can
 * carry commit messages and engine errors). Outages are logged when they begin and when they end, not
 * on every attempt ({@link #outage}, {@link #recovered}).
 */
public final class AgentLog {
    private final PrintWriter err;
    private final Clock clock;
    private final java.util.Map<String, Instant> outages = new java.util.HashMap<>();

    public AgentLog(PrintWriter err, Clock clock) {
        this.err = err;
        this.clock = clock;
    }

    public synchronized void line(String text) {
        err.println(clock.instant().truncatedTo(ChronoUnit.MILLIS) + " " + escape(text));
        err.flush();
    }

    /** Logs the outage of {@code what} when it begins; returns whether this call began it. */
    synchronized boolean outage(String what, String message) {
        if (outages.containsKey(what)) {
            return false;
        }
        outages.put(what, clock.instant());
        line(what + " unavailable: " + message + "; the containers are left as they are, retrying");
        return true;
    }

    /** Logs the end of an outage of {@code what}, if there was one. */
    synchronized void recovered(String what) {
        Instant since = outages.remove(what);
        if (since != null) {
            line(what + " available again after " + java.time.Duration.between(since, clock.instant()).toSeconds() + "s");
        }
    }

    synchronized boolean inOutage(String what) {
        return outages.containsKey(what);
    }

    static String escape(String text) {
        return Printable.escape(text);
    }
}
