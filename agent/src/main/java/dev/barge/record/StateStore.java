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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The state dir: {@code state.json} (current state), {@code history.jsonl} (one entry per apply or
 * rollback), {@code hash.key} (the key for hashing secret values). Writes are atomic; callers hold the
 * {@link StateLock} around a read-modify-write.
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

    public StateStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public NodeState read() {
        Path file = dir.resolve("state.json");
        if (!Files.exists(file)) {
            return NodeState.EMPTY;
        }
        try {
            return JSON.readValue(file.toFile(), NodeState.class);
        } catch (IOException e) {
            throw new BargeException(Failure.FAILED, file + " cannot be read (" + e.getMessage()
                    + "): move it aside and run barge apply to rebuild it from the engine's labels", e);
        }
    }

    public void write(NodeState state) {
        try {
            AtomicFiles.write(dir.resolve("state.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
        } catch (IOException e) {
            throw writeFailed("state.json", e);
        }
    }

    public void append(HistoryEntry entry) {
        try {
            AtomicFiles.appendLine(dir.resolve("history.jsonl"), JSON.writeValueAsString(entry));
        } catch (IOException e) {
            throw writeFailed("history.jsonl", e);
        }
    }

    /** Every history entry, oldest first; a torn last line (crash during append) is skipped. */
    public List<HistoryEntry> history() {
        Path file = dir.resolve("history.jsonl");
        if (!Files.exists(file)) {
            return List.of();
        }
        List<HistoryEntry> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(JSON.readValue(line, HistoryEntry.class));
                } catch (JsonProcessingException torn) {
                    // only a crash mid-append produces this; the entry was never committed
                }
            }
        } catch (IOException e) {
            throw new BargeException(Failure.FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return entries;
    }

    /** The 32-byte key for hashing secret values into spec hashes; created (mode 0600) on first use. */
    public byte[] hashKey() {
        Path file = dir.resolve("hash.key");
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                AtomicFiles.write(file, key);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != 32) {
                throw new BargeException(Failure.FAILED, file + " holds " + key.length
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
