package dev.barge.reconcile;

import static dev.barge.reconcile.Shell.docker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.Main;
import dev.barge.record.HistoryEntry;
import dev.barge.record.HistoryOutcome;
import dev.barge.record.StateStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, the no-change fast path on the real engine: an apply whose plan is empty pulls nothing,
 * changes no container and writes one history entry. The image is busybox tagged with a registry on
 * 127.0.0.1:19699, where nothing listens: any pull would fail the apply, and none shows in the engine's events.
 */
class NoChangeApplyIT {
    private static final String PREFIX = "itfast";
    private static final String IMAGE = "127.0.0.1:19699/itfast/busybox:1";

    @TempDir
    Path tmp;

    record Result(int code, String out) {
    }

    @BeforeEach
    void image() {
        docker("tag", "busybox:1.36", IMAGE);
    }

    @AfterEach
    void cleanUp() {
        try {
            Shell.removeStacks(PREFIX);
        } finally {
            docker("rmi", IMAGE);   // the tag only: busybox:1.36 keeps the image
        }
    }

    private Result apply() throws IOException {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("deployments"));
        Files.writeString(repo.resolve("deployments/fast.yaml"), """
                deployment: fast
                match: {role: test}
                stacks:
                  - name: itfast
                    compose:
                      services:
                        web:
                          image: %1$s
                          command: [httpd, -f, -p, "8080"]
                          ports: ["127.0.0.1:19698:8080"]
                        worker:
                          image: %1$s
                          command: [sleep, "600"]
                          pull_policy: missing
                """.formatted(IMAGE));
        Path agent = tmp.resolve("agent.yaml");
        Files.writeString(agent, """
                node: {name: vm-fast, labels: {role: test}}
                state_dir: %s
                apply: {settle_time: 1s}
                """.formatted(tmp.resolve("state")));
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"apply", "--config", agent.toString(), "--repo", repo.toString(), "--auto-approve"},
                new PrintWriter(out, true), new PrintWriter(out, true), Map.of("BARGE_LOCK_WAIT", "5s", StackScope.ENV, PREFIX));
        return new Result(code, out.toString());
    }

    private static String containerIds() {
        return docker("ps", "-aq", "--no-trunc", "--filter", "label=dev.barge.stack=" + PREFIX);
    }

    @Test
    void anApplyWithNothingToChangePullsNothingTouchesNothingAndRecordsOneEntry() throws IOException {
        Result first = apply();
        assertThat(first.code()).as(first.out()).isZero();
        String ids = containerIds();
        assertThat(ids.lines()).hasSize(2);
        // to the nanosecond: a whole second back took in the first apply's own start events (regression: seen in CI)
        Instant after = Instant.now();
        String since = after.getEpochSecond() + "." + String.format("%09d", after.getNano());

        Result again = apply();

        assertThat(again.code()).as(again.out()).isZero();
        assertThat(again.out()).contains("No changes").contains("Apply complete (no-changes)").doesNotContain("pulled");
        assertThat(containerIds()).isEqualTo(ids);
        assertThat(new StateStore(tmp.resolve("state")).history()).extracting(HistoryEntry::outcome)
                .containsExactly(HistoryOutcome.APPLIED, HistoryOutcome.NO_CHANGES);
        String until = String.valueOf(Instant.now().getEpochSecond() + 1);
        assertThat(docker("events", "--since", since, "--until", until, "--filter", "type=image",
                "--filter", "event=pull", "--filter", "image=" + IMAGE, "--format", "{{.Action}} {{.Actor.ID}}")).isEmpty();
        assertThat(docker("events", "--since", since, "--until", until, "--filter", "type=container",
                "--filter", "label=dev.barge.stack=" + PREFIX, "--format", "{{.Action}}")).isEmpty();
    }
}
