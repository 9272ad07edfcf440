package dev.barge.docker;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps an engine event stream open: when it ends or fails (the engine restarted), it is reopened
 * with a growing pause (1 s doubling to 30 s, reset once a stream has started). The listener hears of
 * an outage once when it begins and once when the stream is back, not on every attempt. The stream
 * and the pause are injected, so the reconnect logic is tested without an engine.
 */
final class EventFeed implements AutoCloseable {
    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    /** Opens one stream that reports to {@code sink}; closing the result ends it. */
    interface Stream {
        AutoCloseable open(Sink sink) throws Exception;
    }

    /** What a stream reports. */
    interface Sink {
        /** The engine answered: the stream is live. */
        void started();

        void event(ContainerEvent event);

        /** The stream is over; {@code error} is null when the engine simply closed it. */
        void ended(Throwable error);
    }

    interface Pause {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Stream stream;
    private final EngineEvents listener;
    private final Pause pause;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<AutoCloseable> current = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean outage;

    EventFeed(Stream stream, EngineEvents listener, Pause pause) {
        this.stream = stream;
        this.listener = listener;
        this.pause = pause;
        this.thread = new Thread(this::run, "barge-engine-events");
        this.thread.setDaemon(true);
    }

    EventFeed start() {
        thread.start();
        return this;
    }

    private void run() {
        Duration next = FIRST_PAUSE;
        while (!closed.get()) {
            CountDownLatch ended = new CountDownLatch(1);
            AtomicReference<Throwable> why = new AtomicReference<>();
            AtomicBoolean started = new AtomicBoolean();
            try {
                current.set(stream.open(new Sink() {
                    @Override
                    public void started() {
                        started.set(true);
                        if (outage) {
                            outage = false;
                            listener.reconnected();
                        }
                    }

                    @Override
                    public void event(ContainerEvent event) {
                        listener.event(event);
                    }

                    @Override
                    public void ended(Throwable error) {
                        why.set(error);
                        ended.countDown();
                    }
                }));
                ended.await();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                why.set(e);
            }
            closeCurrent();
            if (closed.get()) {
                return;
            }
            if (started.get()) {
                next = FIRST_PAUSE;
            }
            if (!outage) {
                outage = true;
                Throwable t = why.get();
                listener.lost("the engine's event stream " + (t == null ? "ended" : "failed ("
                        + firstLine(t) + ")") + ": reopening it, with pauses of up to " + MAX_PAUSE.toSeconds() + "s");
            }
            try {
                pause.sleep(next);
            } catch (InterruptedException e) {
                return;
            }
            next = next.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : next.multipliedBy(2);
        }
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? "no reason given" : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    private void closeCurrent() {
        AutoCloseable c = current.getAndSet(null);
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // the stream is being abandoned either way
            }
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeCurrent();
            thread.interrupt();
        }
    }
}
