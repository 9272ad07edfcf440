package dev.barge.apply;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.docker.ContainerStatus;
import dev.barge.docker.DockerGateway;
import java.time.Duration;

/**
 * Watches a started container until its {@link GateRule} passes or fails it: a look every poll
 * interval (250 ms by default), so a healthcheck that passes early, or a container that exits at
 * once, ends the wait within one interval, and a settle time ends on time.
 */
final class HealthGate {

    private final DockerGateway gateway;
    private final Duration pollInterval;

    HealthGate(DockerGateway gateway, Duration pollInterval) {
        this.gateway = gateway;
        this.pollInterval = pollInterval;
    }

    /**
     * @return how it passed, e.g. {@code healthy in 2.1s}
     * @throws GateFailure naming the check that failed
     */
    String await(String containerId, GateRule rule) {
        long start = System.nanoTime();
        while (true) {
            ContainerStatus status = gateway.inspect(containerId);
            Duration elapsed = Durations.since(start);
            GateRule.Verdict verdict = rule.judge(status, elapsed);
            if (verdict instanceof GateRule.Pass pass) {
                return pass.after(elapsed);
            }
            if (verdict instanceof GateRule.Fail fail) {
                throw new GateFailure(fail.check());
            }
            // the next look when the settle time is up, if that comes before the next poll
            Duration toSettle = rule.settle().minus(elapsed);
            pause(toSettle.isNegative() || toSettle.isZero() || toSettle.compareTo(pollInterval) >= 0
                    ? pollInterval : toSettle);
        }
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BargeException(Failure.FAILED, "apply was interrupted while waiting for a container", e);
        }
    }
}
