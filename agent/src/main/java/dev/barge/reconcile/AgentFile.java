package dev.barge.reconcile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code <state_dir>/agent.json}: what a running {@code barge agent} tells {@code barge status}
 * (its pid, since when, its last poll and what came of it, the next poll). Replaced atomically (temp
 * file and rename) after every wakeup, so a reader never sees half of it; not fsynced, because it
 * describes a live process and means nothing after a crash.
 *
 * @param lastResult        one line: "no change at 1a2b3c4d", "applied 1a2b3c4d: ...", "git remote unavailable"
 * @param wakeups           how many wakeups (polls, webhooks, events) it has handled
 * @param idlePollCpuMicros the CPU time of the last idle poll on the agent's thread, null before the first
 */
public record AgentFile(long pid, Instant since, String listen, Instant lastPoll, String lastResult, Instant nextPoll,
                        long wakeups, Long idlePollCpuMicros) {

    static final String NAME = "agent.json";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The file of an agent whose process is alive, or empty (no file, unreadable, or its pid is gone). */
    public static Optional<AgentFile> running(Path stateDir) {
        Path file = stateDir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            AgentFile agent = JSON.readValue(file.toFile(), AgentFile.class);
            return ProcessHandle.of(agent.pid()).filter(ProcessHandle::isAlive).map(p -> agent);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void write(Path stateDir) throws IOException {
        Path target = stateDir.resolve(NAME);
        Path temp = stateDir.resolve("." + NAME + ".tmp");
        Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void remove(Path stateDir) {
        try {
            Files.deleteIfExists(stateDir.resolve(NAME));
        } catch (IOException e) {
            // status checks the pid anyway
        }
    }
}
