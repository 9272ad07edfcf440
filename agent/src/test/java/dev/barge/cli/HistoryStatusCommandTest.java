package dev.barge.cli;

import dev.barge.record.HistoryOutcome;
import dev.barge.record.Trigger;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.record.HistoryEntry;
import dev.barge.record.StateStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** history and status where no Docker engine is needed or reachable. */
class HistoryStatusCommandTest {
    private static final Map<String, String> NO_ENGINE = Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock");

    @Test
    void historyOfAFreshNodeSaysSo(@TempDir Path state) {
        CliTest.Run r = CliTest.run("history", "--state-dir", state.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("No history yet: nothing has been applied on this node.\n");
    }

    @Test
    void historyRefusesALimitBelowOne(@TempDir Path state) {
        CliTest.Run r = CliTest.run("history", "--limit", "0", "--state-dir", state.toString());
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err()).isEqualTo("barge: --limit must be at least 1, got 0\n");
    }

    @Test
    void statusWithoutAnEngineShowsTheRecordAndExits69(@TempDir Path state) {
        new StateStore(state).append(new HistoryEntry("a".repeat(40), Instant.parse("2024-05-01T10:00:00Z"), Trigger.MANUAL, HistoryOutcome.APPLIED, "1 created", Map.of(), null));
        CliTest.Run r = CliTest.run(NO_ENGINE, "status", "--node", "vm-7", "--state-dir", state.toString());
        assertThat(r.code()).isEqualTo(69);
        assertThat(r.out()).startsWith("Node vm-7\n  applied:      nothing applied yet\n")
                .contains("Containers: unknown, the Docker engine is unreachable (");
        assertThat(CliTest.run(NO_ENGINE, "status", "--json", "--state-dir", state.toString()).out())
                .contains("\"reachable\": false");
    }

    @Test
    void statusRefusesAMalformedImageBeforeAskingTheEngine(@TempDir Path state) {
        CliTest.Run r = CliTest.run(NO_ENGINE, "status", "--image", "busybox:", "--state-dir", state.toString());
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).startsWith("barge: --image 'busybox:' is not an image reference");
    }

    @Test
    void logsRefuseATargetThatIsNotStackOrStackSlashService() {
        assertThat(CliTest.run(NO_ENGINE, "logs", "a/b/c").code()).isEqualTo(64);
        assertThat(CliTest.run(NO_ENGINE, "logs", "/web").code()).isEqualTo(64);
        assertThat(CliTest.run(NO_ENGINE, "logs", "web", "--tail", "-1").code()).isEqualTo(64);
    }
}
