package dev.barge.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeliveryTest {
    private static final Target TARGET = new Target(Target.Kind.WEBHOOK, URI.create("http://127.0.0.1:1/hook"), null);
    private static final Event EVENT = new Event(Reason.RECONCILIATION_FAILED, "vm-1", List.of("shop"), "abc", "poll",
            "failed to apply abc", Instant.parse("2026-11-29T23:00:00Z"));

    private final List<Duration> slept = new ArrayList<>();
    private final List<String> logged = new CopyOnWriteArrayList<>();

    @Test
    void failedPostIsRetriedWithDoublingBackoffUntilTaken() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (Delivery delivery = new Delivery(TARGET, request -> {
            int n = calls.incrementAndGet();
            if (n == 1) {
                throw new java.net.ConnectException("refused");
            }
            if (n == 2) {
                throw new HttpTimeoutException("timed out");
            }
            return n < 4 ? 503 : 204;
        }, slept::add, logged::add)) {
            assertThat(delivery.deliver(EVENT)).isTrue();
        }
        assertThat(calls.get()).isEqualTo(4);
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(logged).isEmpty();
    }

    @Test
    void givesUpAfterFiveAttemptsAndLogsOneLineNamingTheHostOnly() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (Delivery delivery = new Delivery(TARGET, request -> {
            calls.incrementAndGet();
            return 500;
        }, slept::add, logged::add)) {
            assertThat(delivery.deliver(EVENT)).isFalse();
        }
        assertThat(calls.get()).isEqualTo(Delivery.ATTEMPTS);
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8));
        assertThat(logged).containsExactly("notify: webhook 127.0.0.1:1 did not take ReconciliationFailed (HTTP 500): dropped");
    }

    @Test
    void clientErrorIsNotRetried() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (Delivery delivery = new Delivery(TARGET, request -> {
            calls.incrementAndGet();
            return 404;
        }, slept::add, logged::add)) {
            assertThat(delivery.deliver(EVENT)).isFalse();
        }
        assertThat(calls.get()).isEqualTo(1);
        assertThat(slept).isEmpty();
        assertThat(Delivery.retryable(429)).isTrue();
        assertThat(Delivery.retryable(408)).isTrue();
    }

    @Test
    void offerNeverWaitsAndAFullQueueDropsWithOneLogLine() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Delivery delivery = new Delivery(TARGET, request -> {
            release.await(); // a receiver that hangs
            return 200;
        }, slept::add, logged::add);
        try {
            long start = System.nanoTime();
            for (int i = 0; i < Delivery.CAPACITY * 3; i++) {
                delivery.offer(EVENT);
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
            assertThat(logged).hasSize(1).allMatch(l -> l.contains("dropping new ones"));
        } finally {
            release.countDown();
            delivery.close();
        }
    }
}
