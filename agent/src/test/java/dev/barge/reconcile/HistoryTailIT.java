package dev.barge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.record.HistoryEntry;
import dev.barge.record.StateStore;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 11 of issue 8 (history): {@code barge history -n 1} on a history file larger than the heap
 * of the JVM that runs it. Reading the whole file (as before) fails with OutOfMemoryError; reading
 * from the end prints the newest entry.
 */
class HistoryTailIT {
    private static final long FILE_BYTES = 96L << 20;
    private static final String HEAP = "-Xmx32m";

    @Test
    void historyDashN1OnAFileLargerThanTheHeapReadsOnlyTheTail(@TempDir Path tmp) throws Exception {
        Path state = tmp.resolve("state");
        StateStore store = new StateStore(state);
        store.append(new HistoryEntry("c0", Instant.parse("2026-01-01T00:00:00Z"), dev.barge.record.Trigger.POLL, dev.barge.record.HistoryOutcome.APPLIED, "1 created",
                Map.of("web/web", "sha256:" + "0".repeat(64)), null));
        Path file = state.resolve("history.jsonl");
        String line = Files.readString(file).strip();
        long size = Files.size(file);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND)) {
            for (int i = 1; size < FILE_BYTES; i++) {
                String next = line.replace("\"c0\"", "\"c" + i + "\"");
                out.write(next);
                out.write('\n');
                size += next.length() + 1;
            }
            out.write(line.replace("\"c0\"", "\"newest\"").replace("1 created", "the newest entry"));
            out.write('\n');
        }
        assertThat(Files.size(file)).isGreaterThan(64L << 20);

        BargeProcess.Result r = BargeProcess.run(tmp, Map.of("JAVA_TOOL_OPTIONS", HEAP, "NO_COLOR", "1"),
                Duration.ofSeconds(60), "history", "-n", "1", "--state-dir", state.toString());

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("the newest entry").doesNotContain("OutOfMemoryError");
    }
}
