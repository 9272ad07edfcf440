package dev.barge.notify;

import dev.barge.config.model.AgentConfig;
import dev.barge.reconcile.OutageListener;
import dev.barge.reconcile.Outcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code notify:} of the agent config: told every outcome and every outage, it decides what is worth an
 * event ({@link Events}, {@link Outages}), drops a failure told within the hour ({@link Dedupe}), and
 * hands the event to each target's {@link Delivery}. Nothing here waits on a receiver: the agent's
 * thread only queues.
 */
public final class Notifier implements Consumer<Outcome>, OutageListener, AutoCloseable {
    /** A webhook target's HMAC key ({@code notify[].secret_file}); in a sops file, its {@code notify_secret} value. */
    public static final dev.barge.SecretFile SECRET = new dev.barge.SecretFile("notification secret", "notify[].secret_file",
            "notify_secret", " and the same in the receiver");
    private final String node;
    private final Clock clock;
    private final Dedupe dedupe;
    private final Outages outages;
    private final List<Delivery> deliveries;
    /** The commit the node runs, as the outcomes told it; null before the first. */
    private String applied;

    Notifier(String node, Clock clock, List<Delivery> deliveries) {
        this.node = node;
        this.clock = clock;
        this.dedupe = new Dedupe(clock);
        this.outages = new Outages(node, clock, this::send);
        this.deliveries = List.copyOf(deliveries);
    }

    /**
     * @param secrets reads a target's {@code secret_file} (mode 0600, sops-decrypted when encrypted)
     * @param log     one line per delivery given up, for the agent's log
     */
    public static Notifier start(List<AgentConfig.Notify> targets, String node, Clock clock,
                                 Function<java.nio.file.Path, byte[]> secrets, Consumer<String> log) {
        List<Delivery> deliveries = new ArrayList<>();
        for (AgentConfig.Notify notify : targets) {
            Target.Kind kind = notify.kind() == AgentConfig.Notify.Kind.SLACK ? Target.Kind.SLACK : Target.Kind.WEBHOOK;
            byte[] key = notify.secretFile() == null ? null : secrets.apply(notify.secretFile());
            deliveries.add(new Delivery(new Target(kind, notify.url(), key), Transport.http(), d -> Thread.sleep(d.toMillis()), log));
        }
        return new Notifier(node, clock, deliveries);
    }

    /** How many targets events go to. */
    public int targets() {
        return deliveries.size();
    }

    @Override
    public synchronized void accept(Outcome outcome) {
        if (Events.success(outcome)) {
            dedupe.reset();
        }
        Events.of(outcome, applied, node, clock.instant()).ifPresent(this::send);
        applied = Events.applied(outcome, applied);
    }

    @Override
    public void polled() {
        outages.polled();
    }

    @Override
    public void unavailable(String what, String message) {
        outages.unavailable(what, message);
    }

    @Override
    public void available(String what) {
        outages.available(what);
    }

    private void send(Event event) {
        if (event.reason() == Reason.RECOVERED) {
            dedupe.reset();
        }
        if (dedupe.admit(event)) {
            deliveries.forEach(d -> d.offer(event));
        }
    }

    @Override
    public void close() {
        deliveries.forEach(Delivery::close);
    }
}
