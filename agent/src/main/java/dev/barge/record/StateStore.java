package dev.barge.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.barge.BargeException;
import dev.barge.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The state dir: {@code state.json} (current state), {@code history.jsonl} (one entry per apply or
 * rollback), {@code hash.key} (the key for hashing secret values). Every access goes through
 * {@link StateDir}'s checks; writes are atomic; callers hold the {@link StateLock} around a
 * read-modify-write.
 */
public final class StateStore {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final Path dir;
    private final long rotateAt;

    public StateStore(Path dir) {
        this(dir, HistoryFile.ROTATE_AT);
    }

    StateStore(Path dir, long historyRotateAt) {
        this.dir = dir;
        this.rotateAt = historyRotateAt;
    }

    public Path dir() {
        return dir;
    }

    /** Creates the state dir when it is missing and checks that barge may trust it (see {@link StateDir}). */
    public void open() {
        StateDir.open(dir);
    }

    public NodeState read() {
        Optional<StateDir> state = StateDir.existing(dir);
        if (state.isEmpty() || !Files.exists(state.get().resolve("state.json"))) {
            return NodeState.EMPTY;
        }
        Path file = state.get().resolve("state.json");
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return JSON.readValue(in, NodeState.class);
        } catch (IOException e) {
            throw new BargeException(Failure.FAILED, file + " cannot be read (" + e.getMessage()
                    + "): move it aside and run barge apply to rebuild it from the engine's labels", e);
        }
    }

    public void write(NodeState state) {
        try {
            AtomicFiles.write(StateDir.open(dir).resolve("state.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
        } catch (IOException e) {
            throw writeFailed("state.json", e);
        }
    }

    /** Appends an entry, and rotates the file once it is large (keeping the newest 10,000). Callers hold the state lock. */
    public void append(HistoryEntry entry) {
        try {
            Path file = StateDir.open(dir).resolve("history.jsonl");
            AtomicFiles.appendLine(file, JSON.writeValueAsString(entry));
            new HistoryFile(file, rotateAt).rotateIfLarge();
        } catch (IOException e) {
            throw writeFailed("history.jsonl", e);
        }
    }

    /** The history entries a rotation keeps (the newest 10,000), oldest first. */
    public List<HistoryEntry> history() {
        return history(HistoryFile.KEEP);
    }

    /**
     * The newest {@code count} history entries, oldest first, read from the end of the file; a torn
     * last line (crash during append) is skipped.
     */
    public List<HistoryEntry> history(int count) {
        Optional<StateDir> state = StateDir.existing(dir);
        if (state.isEmpty()) {
            return List.of();
        }
        Path file = state.get().resolve("history.jsonl");
        try {
            return new HistoryFile(file, rotateAt).newest(count, StateStore::entry);
        } catch (IOException e) {
            throw new BargeException(Failure.FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Optional<HistoryEntry> entry(String line) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(line, HistoryEntry.class));
        } catch (JsonProcessingException torn) {
            // only a crash mid-append produces this; the entry was never committed
            return Optional.empty();
        }
    }

    /** The 32-byte key for hashing secret values into spec hashes; created (mode 0600) on first use. */
    public byte[] hashKey() {
        Path file = StateDir.open(dir).resolve("hash.key");
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                AtomicFiles.write(file, key);
            }
            byte[] key;
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                key = in.readNBytes(33);
            }
            if (key.length != 32) {
                throw new BargeException(Failure.FAILED, file + " holds " + (key.length > 32 ? "more than 32" : key.length)
                        + " bytes, not 32: delete it (containers whose spec uses secrets will then be replaced once)");
            }
            return key;
        } catch (IOException e) {
            throw writeFailed("hash.key", e);
        }
    }

    private BargeException writeFailed(String name, IOException e) {
        return new BargeException(Failure.FAILED, "cannot write " + dir.resolve(name) + ": " + e.getMessage()
                + ": check that the state dir exists and is writable", e);
    }
}
