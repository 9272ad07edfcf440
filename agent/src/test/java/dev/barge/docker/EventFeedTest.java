package dev.barge.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The reconnect logic of the engine event stream, with scripted streams instead of an engine: an
 * engine restart is a stream that ends, then opens that fail, then one that starts again. (The real
 * engine is not restarted in tests: other tests share it.)
 */
class EventFeedTest {
    private final List<String> heard = Collections.synchronizedList(new ArrayList<>());
    private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<EventFeed.Sink> opened = new LinkedBlockingQueue<>();

    private final EngineEvents listener = new EngineEvents() {
        @Override
        public void event(ContainerEvent event) {
            heard.add(event.action() + " " + event.container());
        }

        @Override
        public void lost(String message) {
            heard.add("lost: " + message);
        }

        @Override
        public void reconnected() {
            heard.add("reconnected");
        }
    };

    /** Each open: fails while {@code failures} > 0, else hands its sink to the test. */
    private int failures;

    private EventFeed feed() {
        return new EventFeed(sink -> {
            synchronized (this) {
                if (failures > 0) {
                    failures--;
                    throw new IllegalStateException("connection refused");
                }
            }
            opened.add(sink);
            return () -> { };
        }, listener, pauses::add);
    }

    @Test
    void engineRestartIsReportedOnceAndTheStreamReopens() throws Exception {
        try (EventFeed feed = feed().start()) {
            EventFeed.Sink first = next();
            first.started();
            first.event(new ContainerEvent("die", "web-app-1", "web", "app", Instant.EPOCH));
            synchronized (this) {
                failures = 3;
            }
            first.ended(new RuntimeException("socket closed")); // the engine went away
            EventFeed.Sink second = next();
            second.started();
            second.event(new ContainerEvent("destroy", "web-app-1", "web", "app", Instant.EPOCH));
            awaitHeard(4);
            assertThat(heard).containsExactly("die web-app-1",
                    "lost: the engine's event stream failed (socket closed): reopening it, with pauses of up to 30s",
                    "reconnected", "destroy web-app-1");
            assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                    Duration.ofSeconds(8));

            second.ended(null); // closed cleanly by the engine: reopened too, the pause starts afresh
            next().started();
            awaitHeard(6);
            assertThat(heard.get(4)).startsWith("lost: the engine's event stream ended");
            assertThat(pauses).last().isEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void pausesGrowToThirtySeconds() throws Exception {
        synchronized (this) {
            failures = 8;
        }
        try (EventFeed feed = feed().start()) {
            next().started();
            assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                    Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(30), Duration.ofSeconds(30),
                    Duration.ofSeconds(30));
            awaitHeard(2);
            assertThat(heard).hasSize(2).last().isEqualTo("reconnected");
        }
    }

    @Test
    void closeEndsTheFeedWithoutReportingAnOutage() throws Exception {
        EventFeed feed = feed().start();
        EventFeed.Sink sink = next();
        sink.started();
        feed.close();
        sink.ended(null);
        Thread.sleep(50);
        assertThat(heard).isEmpty();
        assertThat(opened).isEmpty();
    }

    private EventFeed.Sink next() throws InterruptedException {
        EventFeed.Sink sink = opened.poll(5, TimeUnit.SECONDS);
        assertThat(sink).as("the feed opened a stream").isNotNull();
        return sink;
    }

    private void awaitHeard(int n) throws InterruptedException {
        for (int i = 0; i < 500 && heard.size() < n; i++) {
            Thread.sleep(10);
        }
    }
}
