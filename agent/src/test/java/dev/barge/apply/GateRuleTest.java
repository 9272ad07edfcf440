package dev.barge.apply;

import static dev.barge.apply.Services.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.apply.GateRule.Kind;
import dev.barge.config.model.ServiceSpec.Dependency.Condition;
import dev.barge.docker.ActualState.Health;
import dev.barge.docker.ActualState.Status;
import dev.barge.docker.ContainerStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GateRuleTest {

    /**
     * kind, status, health, restarts now (1 before start), exit code, seconds since start (settle 2s,
     * timeout 10s) → verdict: WAIT, PASS:how or FAIL:check.
     */
    @ParameterizedTest(name = "{0} {1} {2} restarts={3} exit={4} t={5}s -> {6}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // without a healthcheck: running through the settle time
            "SERVICE  | RUNNING    | -         | 1 | -   | 0.5 | WAIT",
            "SERVICE  | RUNNING    | -         | 1 | -   | 2   | PASS:running without restart for 2s",
            "SERVICE  | RUNNING    | -         | 2 | -   | 0.5 | FAIL:restarted 1 time after it was started",
            "SERVICE  | RESTARTING | -         | 3 | -   | 0.5 | FAIL:restarted 2 times after it was started",
            "SERVICE  | EXITED     | -         | 1 | 3   | 0.5 | FAIL:exited with code 3",
            "SERVICE  | EXITED     | -         | 1 | 0   | 0.5 | FAIL:exited with code 0",
            "SERVICE  | CREATED    | -         | 1 | -   | 5   | WAIT",
            "SERVICE  | CREATED    | -         | 1 | -   | 10  | FAIL:still created after the health timeout of 10s",
            "SERVICE  | DEAD       | -         | 1 | -   | 1   | FAIL:is dead",
            // with a healthcheck
            "SERVICE  | RUNNING    | STARTING  | 1 | -   | 5   | WAIT",
            "SERVICE  | RUNNING    | HEALTHY   | 1 | -   | 1.5 | PASS:healthy in 1.5s",
            "SERVICE  | RUNNING    | UNHEALTHY | 1 | -   | 3   | FAIL:healthcheck reported unhealthy",
            "SERVICE  | RUNNING    | STARTING  | 1 | -   | 10  | FAIL:healthcheck did not pass within the health timeout of 10s",
            "SERVICE  | RUNNING    | HEALTHY   | 2 | -   | 3   | FAIL:restarted 1 time after it was started",
            "SERVICE  | EXITED     | STARTING  | 1 | 137 | 3   | FAIL:exited with code 137",
            // restart: no / on-failure: exiting 0 is done
            "ONE_SHOT | EXITED     | -         | 1 | 0   | 0.5 | PASS:completed in 500ms",
            "ONE_SHOT | EXITED     | -         | 1 | 2   | 0.5 | FAIL:exited with code 2",
            "ONE_SHOT | RUNNING    | -         | 1 | -   | 2   | PASS:running without restart for 2s",
            // a job another service waits for must exit 0
            "JOB      | RUNNING    | -         | 1 | -   | 5   | WAIT",
            "JOB      | RESTARTING | -         | 2 | -   | 5   | WAIT",
            "JOB      | EXITED     | -         | 1 | 0   | 5   | PASS:completed in 5s",
            "JOB      | EXITED     | -         | 1 | 1   | 5   | FAIL:exited with code 1",
            "JOB      | RUNNING    | -         | 1 | -   | 10  | FAIL:did not complete within the health timeout of 10s",
    })
    void judgesOneLook(Kind kind, Status status, Health health, int restarts, Integer exitCode, double seconds,
                       String expected) {
        GateRule rule = new GateRule(kind, Duration.ofSeconds(2), Duration.ofSeconds(10), 1);
        ContainerStatus s = new ContainerStatus("id", "name", "sha256:x", status, health, restarts, exitCode,
                Instant.EPOCH, false, null);
        Duration elapsed = Duration.ofMillis((long) (seconds * 1000));
        GateRule.Verdict verdict = rule.judge(s, elapsed);
        String actual = verdict instanceof GateRule.Pass p ? "PASS:" + p.after(elapsed)
                : verdict instanceof GateRule.Fail f ? "FAIL:" + f.check() : "WAIT";
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "-                 | false | ONE_SHOT",
            "no                | false | ONE_SHOT",
            "on-failure:3      | false | ONE_SHOT",
            "always            | false | SERVICE",
            "unless-stopped    | false | SERVICE",
            "no                | true  | JOB",
    })
    void aServiceIsAJobWhenASiblingWaitsForItToComplete(String restart, boolean awaited, Kind expected) {
        var job = service("migrate").restart(restart).build();
        var app = awaited ? service("app").dependsOn("migrate", Condition.SERVICE_COMPLETED_SUCCESSFULLY).build()
                : service("app").dependsOn("migrate", Condition.SERVICE_STARTED).build();
        assertThat(GateRule.kindOf(Services.stack("s", job, app), job)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"OOM, was killed for running out of memory (exit code 137)"})
    void namesAnOutOfMemoryKill(String title, String expected) {
        GateRule rule = new GateRule(Kind.SERVICE, Duration.ofSeconds(2), Duration.ofSeconds(10), 0);
        ContainerStatus s = new ContainerStatus("id", "n", "i", Status.EXITED, null, 0, 137, Instant.EPOCH, true, null);
        assertThat(rule.judge(s, Duration.ZERO)).isEqualTo(new GateRule.Fail(expected));
    }
}
