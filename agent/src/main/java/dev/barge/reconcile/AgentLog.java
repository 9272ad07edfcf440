package dev.barge.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.barge.plan.Plan;
import dev.barge.view.Printable;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's log: one line per event on stderr, control characters escaped (lines can carry commit
 * messages and engine errors). Text lines start with the time, except under systemd ({@code JOURNAL_STREAM}
 * set), where journald stamps them and reads the level from a {@code <N>} prefix instead. The JSON format
 * is one object per line (time, level, message, and the fields an event has) for log shippers. Outages
 * are logged when they begin and when they end, not on every attempt ({@link #outage}, {@link #recovered}),
 * and every attempt is passed on to an {@link OutageListener}.
 */
public final class AgentLog {
    public enum Format { TEXT, JSON }

    public enum Level {
        INFO(6), WARN(4), ERROR(3);

        /** The syslog priority journald reads from a {@code <N>} prefix. */
        final int priority;

        Level(int priority) {
            this.priority = priority;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter err;
    private final Clock clock;
    private final Format format;
    private final boolean journal;
    private final OutageListener listener;
    private final Map<String, Instant> outages = new java.util.HashMap<>();

    public AgentLog(PrintWriter err, Clock clock) {
        this(err, clock, Format.TEXT, false, OutageListener.NONE);
    }

    /**
     * @param journal the process runs under systemd with stderr connected to the journal: no time prefix
     */
    public AgentLog(PrintWriter err, Clock clock, Format format, boolean journal, OutageListener listener) {
        this.err = err;
        this.clock = clock;
        this.format = format;
        this.journal = journal;
        this.listener = listener;
    }

    /** True when systemd connected stderr to the journal (it sets {@code JOURNAL_STREAM}). */
    public static boolean underJournal(Map<String, String> env) {
        String stream = env.get("JOURNAL_STREAM");
        return stream != null && !stream.isBlank();
    }

    public void line(String text) {
        write(Level.INFO, text, Map.of());
    }

    public void warn(String text) {
        write(Level.WARN, text, Map.of());
    }

    /** One line with structured fields (shown in the JSON format; the text format shows {@code text} alone). */
    public synchronized void write(Level level, String text, Map<String, ?> fields) {
        err.println(render(level, text, fields));
        err.flush();
    }

    /** The one summary line of a reconcile: what started it, the commit, how it ended, the changes, how long. */
    void summary(Outcome outcome) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", "reconcile");
        fields.put("trigger", outcome.trigger().wire());
        fields.put("commit", outcome.commit());
        fields.put("outcome", outcomeName(outcome));
        Plan.Summary s = outcome.summary();
        if (s != null) {
            fields.put("created", s.create());
            fields.put("replaced", s.replace());
            fields.put("deleted", s.delete());
            fields.put("started", s.start());
            fields.put("unchanged", s.unchanged());
            fields.put("drifted", s.drifted());
        }
        fields.put("duration_ms", outcome.duration().toMillis());
        Level level = outcome.failureClass().isPresent() ? Level.ERROR
                : outcome instanceof Outcome.RolledBack ? Level.WARN : Level.INFO;
        write(level, outcome.describe() + " in " + seconds(outcome.duration()), fields);
    }

    static String outcomeName(Outcome outcome) {
        if (outcome instanceof Outcome.Failed f) {
            return f.partial() ? "partially-applied" : "failed";
        }
        return outcome instanceof Outcome.Applied ? "applied" : outcome instanceof Outcome.NoChanges ? "no-changes"
                : outcome instanceof Outcome.RolledBack ? "rolled-back" : outcome instanceof Outcome.Refused ? "refused"
                : "cancelled";
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    String render(Level level, String text, Map<String, ?> fields) {
        if (format == Format.JSON) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("time", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
            object.put("level", level.name().toLowerCase(Locale.ROOT));
            object.put("message", escape(text));
            fields.forEach((k, v) -> object.putIfAbsent(k, v instanceof String str ? escape(str) : v));
            try {
                return JSON.writeValueAsString(object);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a log line of plain strings and numbers did not serialize", e);
            }
        }
        return (journal ? "<" + level.priority + ">" : clock.instant().truncatedTo(ChronoUnit.MILLIS) + " ") + escape(text);
    }

    /**
     * Logs the outage of {@code what} when it begins; returns whether this call began it. The listener is
     * told outside this log's lock, so that it may log in turn from another thread.
     */
    boolean outage(String what, String message) {
        listener.unavailable(what, message);
        synchronized (this) {
            if (outages.containsKey(what)) {
                return false;
            }
            outages.put(what, clock.instant());
        }
        write(Level.WARN, what + " unavailable: " + message + "; the containers are left as they are, retrying",
                Map.of("event", "unavailable", "what", what));
        return true;
    }

    /** Logs the end of an outage of {@code what}, if there was one. */
    void recovered(String what) {
        Instant since;
        synchronized (this) {
            since = outages.remove(what);
        }
        if (since != null) {
            listener.available(what);
            long seconds = Duration.between(since, clock.instant()).toSeconds();
            write(Level.INFO, what + " available again after " + seconds + "s",
                    Map.of("event", "recovered", "what", what, "down_s", seconds));
        }
    }

    /** A wakeup began: passed on to the listener, which counts polls in an outage. */
    void polled() {
        listener.polled();
    }

    synchronized boolean inOutage(String what) {
        return outages.containsKey(what);
    }

    static String escape(String text) {
        return Printable.escape(text);
    }
}
