package dev.barge.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.reconcile.FakeClock;
import dev.barge.record.Trigger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What is told, when: once an hour per failure (a success resets it), outages after more than 3 polls. */
class NotifierTest {
    private final FakeClock clock = new FakeClock();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Delivery delivery = new Delivery(new Target(Target.Kind.WEBHOOK, URI.create("http://127.0.0.1:1/"), null),
            request -> {
                received.add(new String(request.body(), java.nio.charset.StandardCharsets.UTF_8)
                        .replaceAll(".*\"reason\":\"([A-Za-z]+)\".*", "$1"));
                return 200;
            }, d -> { }, line -> { });
    private final Notifier notifier = new Notifier("vm-1", clock, List.of(delivery));

    @AfterEach
    void close() {
        notifier.close();
    }

    private List<String> told() {
        notifier.close(); // drains the queue
        return received;
    }

    @Test
    void sameFailureIsToldAtMostOnceAnHour() {
        notifier.accept(SampleOutcomes.failed(" its health gate: unhealthy"));
        clock.advance(Duration.ofMinutes(59));
        notifier.accept(SampleOutcomes.failed(" its health gate: unhealthy"));
        clock.advance(Duration.ofMinutes(1));
        notifier.accept(SampleOutcomes.failed(" its health gate: unhealthy"));
        assertThat(told()).containsExactly("HealthCheckFailed", "HealthCheckFailed");
    }

    @Test
    void successResetsTheHour() {
        notifier.accept(SampleOutcomes.failed(" to start: port in use"));
        notifier.accept(SampleOutcomes.failed(" to start: port in use"));
        notifier.accept(SampleOutcomes.noChanges(Trigger.POLL, 0));
        notifier.accept(SampleOutcomes.failed(" to start: port in use"));
        assertThat(told()).containsExactly("ReconciliationFailed", "ReconciliationFailed");
    }

    @Test
    void successesAreAlwaysTold() {
        notifier.accept(SampleOutcomes.applied(Trigger.POLL));
        notifier.accept(SampleOutcomes.rolledBack());
        notifier.accept(SampleOutcomes.applied(Trigger.WEBHOOK));
        notifier.accept(SampleOutcomes.applied(Trigger.POLL)); // the same commit again: drift was corrected
        assertThat(told()).containsExactly("ReconciliationSucceeded", "RolledBack", "ReconciliationSucceeded",
                "DriftCorrected");
    }

    @Test
    void outageIsToldAfterMoreThanThreePollsAndItsEndOnlyThen() {
        notifier.polled();
        notifier.unavailable("git remote", "connection refused"); // poll 1 found it
        for (int poll = 2; poll <= 4; poll++) {
            notifier.polled();
            notifier.unavailable("git remote", "connection refused");
        }
        assertThat(received).as("after 4 polls the 5th has not begun").isEmpty();
        notifier.polled(); // the 5th begins: 4 polls passed in the outage
        notifier.available("git remote");
        assertThat(told()).containsExactly("SourceUnavailable", "Recovered");
    }

    @Test
    void shortOutageAndTheStateLockAreNotTold() {
        notifier.polled();
        notifier.unavailable("engine", "no answer");
        notifier.unavailable("state lock", "held by barge apply");
        for (int i = 0; i < 3; i++) {
            notifier.polled();
        }
        notifier.available("engine");
        for (int i = 0; i < 10; i++) {
            notifier.polled();
        }
        assertThat(told()).isEmpty();
    }

    @Test
    void engineOutageCountsPollsThatDidNotTouchTheEngine() {
        notifier.unavailable("engine", "the event stream ended");
        for (int i = 0; i < 4; i++) {
            notifier.polled();
        }
        assertThat(told()).containsExactly("EngineUnavailable");
    }
}
