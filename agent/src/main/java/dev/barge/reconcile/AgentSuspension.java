package dev.barge.reconcile;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code barge suspend}: a file in the state dir that tells the agent to stop reconciling (no
 * polls applied, no drift corrected) without pinning a commit, until {@code barge resume} removes it.
 * The agent looks for it on every wakeup: a stat, nothing more.
 */
public final class AgentSuspension {
    static final String NAME = "suspended";

    private AgentSuspension() {
    }

    /** Since when, and by whom, the node is suspended; empty when it is not. */
    public static Optional<String> of(Path stateDir) {
        Path file = stateDir.resolve(NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.of("suspended (" + file + " unreadable)");
        }
    }

    public static void suspend(Path stateDir, String who) {
        try {
            Files.createDirectories(stateDir);
            Files.writeString(stateDir.resolve(NAME), "since " + Instant.now() + " by " + who + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BargeException(Failure.FAILED, "cannot write " + stateDir.resolve(NAME) + ": " + e.getMessage()
                    + ": check that the state dir is writable");
        }
    }

    /** Removes the suspension; returns whether there was one. */
    public static boolean release(Path stateDir) {
        try {
            return Files.deleteIfExists(stateDir.resolve(NAME));
        } catch (IOException e) {
            throw new BargeException(Failure.FAILED, "cannot remove " + stateDir.resolve(NAME) + ": " + e.getMessage()
                    + ": check that the state dir is writable");
        }
    }
}
