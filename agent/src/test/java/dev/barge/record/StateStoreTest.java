package dev.barge.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    @TempDir
    Path dir;

    @Test
    void stateRoundTripsAndLeavesNoTempFiles() throws Exception {
        StateStore store = new StateStore(dir);
        assertThat(store.read()).isEqualTo(NodeState.EMPTY);
        NodeState state = new NodeState("abc123", Instant.parse("2026-11-22T10:00:00Z"), Map.of("web-web-1", "h1"),
                Map.of("web/web", "sha256:00"), new NodeState.Attempt("abc123", Instant.parse("2026-11-22T10:00:00Z"), true, null),
                new NodeState.Pin("abc123", Instant.parse("2026-11-22T10:00:00Z"), "rollback"), Map.of());
        store.write(state);
        assertThat(store.read()).isEqualTo(state);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.json");
        }
    }

    @Test
    void historySkipsATornLastLineLeftByACrash() throws Exception {
        StateStore store = new StateStore(dir);
        HistoryEntry entry = new HistoryEntry("abc", Instant.parse("2026-11-22T10:00:00Z"), Trigger.MANUAL, HistoryOutcome.APPLIED, "1 created",
                Map.of("web/web", "sha256:00"), null);
        store.append(entry);
        Files.writeString(dir.resolve("history.jsonl"), "{\"commit\":\"de", StandardOpenOption.APPEND);
        assertThat(store.history()).containsExactly(entry);
    }

    @Test
    void anEntryAppendedAfterATornLineIsNotLostWithIt() throws Exception {
        StateStore store = new StateStore(dir);
        HistoryEntry first = new HistoryEntry("abc", Instant.parse("2026-11-22T10:00:00Z"), Trigger.MANUAL, HistoryOutcome.APPLIED, "1 created",
                Map.of(), null);
        HistoryEntry next = new HistoryEntry("def", Instant.parse("2026-11-22T10:05:00Z"), Trigger.MANUAL, HistoryOutcome.NO_CHANGES, "",
                Map.of("web/web", "sha256:01"), null);
        store.append(first);
        Files.writeString(dir.resolve("history.jsonl"), "{\"commit\":\"de", StandardOpenOption.APPEND);
        store.append(next);
        assertThat(store.history()).containsExactly(first, next);
    }

    @Test
    void hashKeyIsCreatedOncePrivateAndStable() throws Exception {
        StateStore store = new StateStore(dir);
        byte[] key = store.hashKey();
        assertThat(key).hasSize(32);
        assertThat(store.hashKey()).isEqualTo(key);
        assertThat(Files.getPosixFilePermissions(dir.resolve("hash.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aSecondHolderWaitsThenIsToldWhoHoldsTheLock() throws Exception {
        try (StateLock held = StateLock.acquire(dir, "barge apply", Duration.ofSeconds(1))) {
            // the OS lock is per process; within one JVM the overlapping lock is seen as held too
            var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
            Thread other = new Thread(() -> {
                try {
                    StateLock.acquire(dir, "barge daemon", Duration.ofMillis(300)).close();
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            other.start();
            other.join();
            assertThat(failure.get()).isInstanceOf(BargeException.class)
                    .hasMessageContaining("locked by barge apply (pid");
            assertThat(((BargeException) failure.get()).failure()).isEqualTo(Failure.RETRY_LATER);
        }
        try (StateLock again = StateLock.acquire(dir, "barge apply", Duration.ofSeconds(1))) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void aWaiterIsToldOnceWhoHoldsTheLockBeforeItGetsIt() throws Exception {
        var told = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var acquired = new java.util.concurrent.CountDownLatch(1);
        Thread other;
        try (StateLock held = StateLock.acquire(dir, "barge cli", Duration.ofSeconds(1))) {
            other = new Thread(() -> {
                StateLock.acquire(dir, "barge poll", Duration.ofSeconds(10), told::add).close();
                acquired.countDown();
            });
            other.start();
            while (told.isEmpty()) {
                Thread.sleep(20);
            }
            Thread.sleep(300);
            assertThat(acquired.getCount()).isEqualTo(1);
        }
        other.join(5000);
        assertThat(acquired.getCount()).isZero();
        assertThat(told).singleElement().asString().startsWith("waiting up to 10s for the lock on " + dir)
                .contains("held by barge cli (pid " + ProcessHandle.current().pid());
    }
}
