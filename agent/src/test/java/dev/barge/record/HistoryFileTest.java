package dev.barge.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding 11 of issue 8 (history): read from the end, rotate at a size keeping the newest 10,000. */
class HistoryFileTest {
    @TempDir
    Path dir;

    private static HistoryEntry entry(int i) {
        return new HistoryEntry("c" + i, Instant.ofEpochSecond(1_700_000_000L + i), dev.barge.record.Trigger.POLL, dev.barge.record.HistoryOutcome.APPLIED, "1 created",
                Map.of("web/web", "sha256:" + "0".repeat(64)), null);
    }

    /** {@code count} real entries c0, c1, ... written directly (fast), as appends would have left them. */
    private void writeEntries(int count) throws Exception {
        Path sample = Files.createDirectories(dir.resolve("sample"));
        new StateStore(sample).append(entry(0));
        String template = Files.readString(sample.resolve("history.jsonl")).strip();
        new StateStore(dir).open();
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("history.jsonl"), StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                out.write(template.replace("\"c0\"", "\"c" + i + "\""));
                out.write('\n');
            }
        }
        try (var files = Files.walk(sample)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void historyReadsTheNewestEntriesFromTheEnd() {
        StateStore store = new StateStore(dir);
        for (int i = 0; i < 5; i++) {
            store.append(entry(i));
        }
        assertThat(store.history(1)).containsExactly(entry(4));
        assertThat(store.history(3)).containsExactly(entry(2), entry(3), entry(4));
        assertThat(store.history(50)).hasSize(5).first().isEqualTo(entry(0));
    }

    @Test
    void historyTailSkipsATornLastLine() throws Exception {
        StateStore store = new StateStore(dir);
        store.append(entry(1));
        store.append(entry(2));
        Files.writeString(dir.resolve("history.jsonl"), "{\"commit\":\"de", StandardOpenOption.APPEND);
        assertThat(store.history(1)).containsExactly(entry(2));
        assertThat(store.history(2)).containsExactly(entry(1), entry(2));
    }

    @Test
    void rotationKeepsTheNewest10000Entries() throws Exception {
        StateStore store = new StateStore(dir, 1024);
        writeEntries(12_345);
        store.append(entry(99_999));

        List<String> lines = Files.readAllLines(dir.resolve("history.jsonl"));
        assertThat(lines).hasSize(HistoryFile.KEEP);
        assertThat(lines.get(0)).contains("\"c2346\"");
        assertThat(store.history(1)).containsExactly(entry(99_999));
        assertThat(store.history()).hasSize(HistoryFile.KEEP);
        assertThat(dir.resolve("history.jsonl")).isRegularFile();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("history.jsonl");
        }
    }

    @Test
    void noRotationBelowTheSizeOrWithFewerEntries() throws Exception {
        StateStore small = new StateStore(dir, 1024);
        writeEntries(500);
        small.append(entry(1));
        assertThat(Files.readAllLines(dir.resolve("history.jsonl"))).hasSize(501);
    }

    @Test
    void startOfLastLinesCountsALastLineWithoutNewline() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "a\nbb\nccc");
        try (FileChannel channel = FileChannel.open(file)) {
            assertThat(HistoryFile.startOfLastLines(channel, 1)).isEqualTo(5);
            assertThat(HistoryFile.startOfLastLines(channel, 2)).isEqualTo(2);
            assertThat(HistoryFile.startOfLastLines(channel, 3)).isZero();
        }
        Files.writeString(file, "a\nbb\n");
        try (FileChannel channel = FileChannel.open(file)) {
            assertThat(HistoryFile.startOfLastLines(channel, 1)).isEqualTo(2);
        }
    }
}
