package dev.barge.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state dir written by earlier versions still reads: trigger and outcome strings, failed commits as reasons. */
class RecordFormatTest {

    @TempDir
    Path dir;

    @Test
    void historyWrittenWithOutcomeStringsStillParses() throws IOException {
        Files.writeString(dir.resolve("history.jsonl"), String.join("\n",
                line("cli", "applied"), line("poll", "no-changes"), line("webhook", "failed"),
                line("rollback", "partially-applied"), line("resume", "applied"), line("auto-rollback", "applied")) + "\n");
        List<HistoryEntry> history = new StateStore(dir).history();
        assertThat(history).extracting(HistoryEntry::trigger).containsExactly(Trigger.MANUAL, Trigger.POLL,
                Trigger.WEBHOOK, Trigger.ROLLBACK, Trigger.RESUME, Trigger.AUTO_ROLLBACK);
        assertThat(history).extracting(HistoryEntry::outcome).containsExactly(HistoryOutcome.APPLIED,
                HistoryOutcome.NO_CHANGES, HistoryOutcome.FAILED, HistoryOutcome.PARTIALLY_APPLIED,
                HistoryOutcome.APPLIED, HistoryOutcome.APPLIED);
    }

    @Test
    void enumsAreWrittenAsTheSameStrings() throws IOException {
        new StateStore(dir).append(new HistoryEntry("abc", Instant.parse("2026-11-22T10:00:00Z"), Trigger.MANUAL,
                HistoryOutcome.PARTIALLY_APPLIED, "1 created", Map.of(), "web: failed"));
        assertThat(Files.readString(dir.resolve("history.jsonl")))
                .contains("\"trigger\":\"cli\"").contains("\"outcome\":\"partially-applied\"");
    }

    @Test
    void failedCommitsKeptAsReasonsOnlyStillParse() throws IOException {
        Files.writeString(dir.resolve("state.json"), """
                {"applied_commit": "abc", "spec_hashes": {}, "digests": {},
                 "failed_commits": {"def": "web: health gate failed"}}
                """);
        NodeState.FailedCommit failed = new StateStore(dir).read().failedCommits().get("def");
        assertThat(failed).isEqualTo(new NodeState.FailedCommit(null, null, "web: health gate failed"));
    }

    @Test
    void aFailedCommitKeepsItsDesiredStateHashTimeAndReason() {
        Instant at = Instant.parse("2026-11-22T10:00:00Z");
        StateStore store = new StateStore(dir);
        store.write(NodeState.EMPTY.withFailedCommit("def", new NodeState.FailedCommit("sha256:01", at, "web: exit 1")));
        NodeState read = store.read();
        assertThat(read.failedCommits()).containsEntry("def", new NodeState.FailedCommit("sha256:01", at, "web: exit 1"));
        assertThat(read.failedBefore("def", "sha256:01")).isTrue();
        assertThat(read.failedBefore("def", "sha256:02")).isFalse();
        assertThat(read.withFailedCommit("def", null).failedCommits()).isEmpty();
    }

    private static String line(String trigger, String outcome) {
        return "{\"commit\":\"abc\",\"time\":\"2026-11-22T10:00:00Z\",\"trigger\":\"" + trigger + "\",\"outcome\":\""
                + outcome + "\",\"summary\":\"\",\"digests\":{},\"error\":null}";
    }
}
