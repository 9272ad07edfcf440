package dev.barge.notify;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Delivers one target's events on its own thread, in order, so a receiver that hangs or fails delays
 * only its own events, never an apply nor the other targets. A failed POST (no connection, a timeout,
 * 5xx, 408, 429) is tried again after 1 s, 2 s, 4 s, 8 s; other answers are final. The queue holds
 * {@link #CAPACITY} events: when the receiver is down that long, new events are dropped (logged once
 * until one is delivered again) rather than held in memory.
 */
final class Delivery implements AutoCloseable {
    static final int CAPACITY = 64;
    static final int ATTEMPTS = 5;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    /** How long {@link #close()} lets the queue drain (SIGTERM: systemd waits, but not for long). */
    static final Duration DRAIN = Duration.ofSeconds(3);

    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Target target;
    private final Transport transport;
    private final Sleeper sleeper;
    private final Consumer<String> log;
    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread worker;
    private volatile boolean dropping;
    private volatile boolean closing;

    Delivery(Target target, Transport transport, Sleeper sleeper, Consumer<String> log) {
        this.target = target;
        this.transport = transport;
        this.sleeper = sleeper;
        this.log = log;
        this.worker = new Thread(this::work, "barge-notify-" + target.kind().name().toLowerCase(java.util.Locale.ROOT));
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues the event and returns at once. */
    void offer(Event event) {
        if (!queue.offer(event) && !dropping) {
            dropping = true;
            log.accept("notify: " + target.describe() + " is not taking events: " + CAPACITY
                    + " wait, dropping new ones until it does");
        }
    }

    private void work() {
        try {
            while (!closing || !queue.isEmpty()) {
                Event event = queue.poll(200, TimeUnit.MILLISECONDS);
                if (event != null) {
                    deliver(event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one event, retrying with backoff; returns whether the receiver took it. */
    boolean deliver(Event event) throws InterruptedException {
        Target.Request request = target.request(event);
        Duration pause = FIRST_BACKOFF;
        String why = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                int status = transport.post(request);
                if (status / 100 == 2) {
                    dropping = false;
                    return true;
                }
                why = "HTTP " + status;
                if (!retryable(status)) {
                    break;
                }
            } catch (IOException e) {
                why = e instanceof java.net.http.HttpTimeoutException ? "no answer within "
                        + Transport.READ_TIMEOUT.toSeconds() + "s" : "cannot connect";
            }
            if (attempt < ATTEMPTS && !closing) {
                sleeper.sleep(pause);
                pause = pause.multipliedBy(2);
            } else if (closing) {
                break;
            }
        }
        log.accept("notify: " + target.describe() + " did not take " + event.reason().wire() + " (" + why
                + "): dropped");
        return false;
    }

    static boolean retryable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    /** Lets the queue drain for up to {@link #DRAIN}, then stops the thread. */
    @Override
    public void close() {
        closing = true;
        try {
            worker.join(DRAIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.interrupt();
    }
}
