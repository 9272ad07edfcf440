package dev.barge.reconcile;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fat jar run as its own process ({@code java -jar barge.jar ...}), as an operator runs it: the
 * point of these ITs is two processes at once and SIGKILL. Output (stdout and stderr together) goes
 * to a file so that a test can watch it while the process runs.
 */
final class BargeProcess {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Process process;
    private final Path log;
    private final List<String> args;

    private BargeProcess(Process process, Path log, List<String> args) {
        this.process = process;
        this.log = log;
        this.args = args;
    }

    /** The jar failsafe names (it runs after package); else the module's target/barge.jar. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("barge.jar", "target/barge.jar"));
        if (!Files.isRegularFile(jar)) {
            fail(jar.toAbsolutePath() + " does not exist: run mvn package (or mvn verify) first");
        }
        return jar;
    }

    static BargeProcess start(Path workDir, Map<String, String> env, List<String> args) {
        // a short-lived CLI on a shared 2-core machine: start fast, stay small
        return startWith(workDir, env, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"), args);
    }

    /** As {@link #start}, with these JVM flags. */
    static BargeProcess startWith(Path workDir, Map<String, String> env, List<String> jvmFlags, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", jar().toAbsolutePath().toString()));
        command.addAll(args);
        Path log = workDir.resolve("barge-" + RUNS.incrementAndGet() + "-" + args.get(0) + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(devNull()));
        builder.environment().putAll(env);
        try {
            return new BargeProcess(builder.start(), log, List.copyOf(args));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Runs to the end (at most {@code timeout}) and returns the exit code and output. */
    static Result run(Path workDir, Map<String, String> env, Duration timeout, String... args) {
        BargeProcess barge = start(workDir, env, List.of(args));
        return barge.await(timeout);
    }

    Result await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                fail("barge " + String.join(" ", args) + " did not finish within " + timeout + ":\n" + output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            fail("interrupted while waiting for barge");
        }
        return new Result(process.exitValue(), output());
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL (what {@link Process#destroyForcibly()} sends on Linux), and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    private static java.io.File devNull() {
        return new java.io.File("/dev/null");
    }

    record Result(int exitCode, String output) {
    }

    /** The environment every barge process of a test gets: its stack scope and an empty Docker CLI config. */
    static Map<String, String> env(String stackPrefix, Path emptyDockerConfig, Map<String, String> more) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BARGE_STACK_PREFIX", stackPrefix);
        // docker-java falls back to $DOCKER_CONFIG/config.json for registry logins: barge must use only barge.yaml's
        env.put("DOCKER_CONFIG", emptyDockerConfig.toString());
        env.put("NO_COLOR", "1");
        env.putAll(more);
        return env;
    }
}
