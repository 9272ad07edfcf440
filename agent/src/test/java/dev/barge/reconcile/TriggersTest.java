package dev.barge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TriggersTest {
    private final FakeClock clock = new FakeClock();

    private Triggers triggers(double random) {
        return new Triggers(Duration.ofSeconds(30), clock, () -> random);
    }

    @Test
    void pollFiresAfterTheJitteredInterval() {
        Triggers t = triggers(0.5); // no jitter at the middle
        clock.advance(Duration.ofSeconds(29));
        assertThat(t.takeIfDue()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(t.takeIfDue()).get().satisfies(w -> {
            assertThat(w.onlyPoll()).isTrue();
            assertThat(w.kinds()).isEqualTo("poll");
        });
        assertThat(t.takeIfDue()).as("re-armed for a full interval").isEmpty();
        assertThat(t.nextPoll()).isEqualTo(clock.instant().plusSeconds(30));
    }

    @Test
    void jitterStaysWithinTenPercent() {
        Instant start = clock.instant();
        assertThat(triggers(0.0).nextPoll()).isEqualTo(start.plusSeconds(27));
        assertThat(triggers(0.999999).nextPoll()).isBetween(start.plusMillis(32_999), start.plusSeconds(33));
    }

    @Test
    void burstOfTenWebhooksIsOneWakeup() {
        Triggers t = triggers(0.5);
        for (int i = 0; i < 10; i++) {
            t.submit(new Cause.Webhook("github"));
            clock.advance(Duration.ofMillis(10));
        }
        Optional<Wakeup> w = t.takeIfDue();
        assertThat(w).get().satisfies(wakeup -> {
            assertThat(wakeup.causes()).hasSize(10);
            assertThat(wakeup.kinds()).isEqualTo("webhook");
            assertThat(wakeup.since()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        });
        assertThat(t.takeIfDue()).isEmpty();
    }

    @Test
    void aWakeupPostponesThePoll() {
        Triggers t = triggers(0.5);
        clock.advance(Duration.ofSeconds(20));
        t.submit(new Cause.Webhook("gitea"));
        assertThat(t.takeIfDue()).isPresent();
        clock.advance(Duration.ofSeconds(20));
        assertThat(t.takeIfDue()).as("the webhook's reconcile fetched 20 s ago").isEmpty();
        clock.advance(Duration.ofSeconds(10));
        assertThat(t.takeIfDue()).isPresent();
    }

    @Test
    void causesAndADuePollCoalesce() {
        Triggers t = triggers(0.5);
        t.submit(new Cause.Drift("web", "app", "web-app-1", "die"));
        clock.advance(Duration.ofSeconds(31));
        Wakeup w = t.takeIfDue().orElseThrow();
        assertThat(w.kinds()).isEqualTo("drift+poll");
        assertThat(w.trigger()).isEqualTo(dev.barge.record.Trigger.DRIFT);
        assertThat(w.forcesPlan()).isTrue();
        assertThat(w.drifts()).extracting(Cause.Drift::service).containsExactly("app");
    }

    @Test
    void pollInBacksOffButNeverBeyondTheInterval() {
        Triggers t = triggers(0.5);
        t.pollIn(Duration.ofSeconds(2));
        assertThat(t.nextPoll()).isEqualTo(clock.instant().plusSeconds(2));
        t.pollIn(Duration.ofMinutes(5));
        assertThat(t.nextPoll()).isEqualTo(clock.instant().plusSeconds(30));
    }

    @Test
    void submitWakesABlockedTakeAndStopEndsIt() throws InterruptedException {
        Triggers t = triggers(0.5); // the fake clock never reaches the poll: only a submit or stop wakes take()
        AtomicReference<Optional<Wakeup>> taken = new AtomicReference<>();
        Thread taker = new Thread(() -> {
            try {
                taken.set(t.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        taker.start();
        t.submit(new Cause.Manual("test"));
        taker.join(5_000);
        assertThat(taken.get()).get().extracting(Wakeup::kinds).isEqualTo("manual");

        Thread second = new Thread(() -> {
            try {
                taken.set(t.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        second.start();
        t.stop();
        second.join(5_000);
        assertThat(second.isAlive()).isFalse();
        assertThat(taken.get()).isEmpty();
    }
}
