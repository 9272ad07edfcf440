package dev.barge.doctor;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code systemctl is-enabled} and {@code is-active}, with the program found on the PATH of the
 * environment barge was given (so a test can put its own there). No systemd (no program, or one that
 * says the system was not booted with it) is an empty answer, not a failure.
 */
public final class Systemctl implements ServiceManager {
    private static final long TIMEOUT_SECONDS = 5;
    private final Map<String, String> env;

    public Systemctl(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Optional<UnitState> state(String unit) {
        Optional<Path> program = find();
        if (program.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> enabled = ask(program.get(), "is-enabled", unit);
        Optional<String> active = ask(program.get(), "is-active", unit);
        if (enabled.isEmpty() || active.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UnitState(enabled.get(), active.get()));
    }

    private Optional<Path> find() {
        String path = env.getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "systemctl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The first line systemctl prints, or empty when it could not say (no systemd, no answer in time). */
    private static Optional<String> ask(Path program, String verb, String unit) {
        try {
            Process process = new ProcessBuilder(program.toString(), verb, unit).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (out.contains("not been booted with systemd") || out.contains("Failed to connect to bus")) {
                return Optional.empty();
            }
            // "Failed to get unit file state for barge.service: No such file or directory": the unit is not installed
            String first = out.lines().findFirst().orElse("");
            return Optional.of(first.startsWith("Failed to get unit file state") ? "not-found" : first);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
