package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.diff.FleetRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real git repositories for the diff ITs: a bare {@code origin} with {@code main} (the 20-node fleet of
 * {@link FleetRepo}) and a pull-request branch {@code change} that turns the staging log level to debug.
 * After the branch was made, main moved on (mars gets another stack): the merge base is not main's tip, so
 * a diff against main's tip would wrongly show mars too.
 */
final class DiffRepos {
    final Path origin;
    final String mergeBase;

    private DiffRepos(Path origin, String mergeBase) {
        this.origin = origin;
        this.mergeBase = mergeBase;
    }

    static DiffRepos create(Path tmp) {
        Path seed = tmp.resolve("seed");
        Path origin = tmp.resolve("origin.git");
        FleetRepo.twentyNodes(seed);
        git(seed, "init", "-q", "-b", "main");
        git(seed, "add", "-A");
        git(seed, "commit", "-q", "-m", "fleet");
        String base = git(seed, "rev-parse", "HEAD").strip();
        git(seed, "checkout", "-q", "-b", "change");
        new FleetRepo(seed).write("deployments/earth.yaml", FleetRepo.earth("debug"));
        git(seed, "commit", "-q", "-am", "staging logs at debug");
        git(seed, "checkout", "-q", "main");
        new FleetRepo(seed).write("deployments/mars.yaml", """
                deployment: mars
                match: {client: mars}
                stacks:
                  - name: status
                    compose: stacks/status/compose.yaml
                  - name: extra
                    compose: stacks/status/compose.yaml
                """);
        git(seed, "commit", "-q", "-am", "mars gets another stack");
        git(tmp, "clone", "-q", "--bare", seed.toString(), origin.toString());
        return new DiffRepos(origin, base);
    }

    /** A fresh clone of origin with {@code branch} checked out, as a CI runner's checkout. */
    Path checkout(Path dir, String branch) {
        git(dir.getParent(), "clone", "-q", origin.toString(), dir.toString());
        git(dir, "checkout", "-q", branch);
        return dir;
    }

    static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=it", "-c", "user.email=it@example.com",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        return run(dir, command, Map.of()).out();
    }

    record Result(int code, String out) {
    }

    static Result run(Path dir, List<String> command, Map<String, String> env) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process p = builder.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finishes", command).isTrue();
            Result r = new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
            if (command.get(0).equals("git")) {
                assertThat(r.code()).as("%s: %s", command, r.out()).isZero();
            }
            return r;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs the packaged CLI ({@code target/barge.jar}) in {@code dir}, stdout and stderr apart. */
    static Result barge(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-jar", jar()));
        command.addAll(List.of(args));
        try {
            Path err = Files.createTempFile("barge-diff-it", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile());
            builder.environment().remove("SOPS_AGE_KEY_FILE");
            Process p = builder.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String stderr = Files.readString(err);
            Files.delete(err);
            return new Result(p.exitValue(), out + (stderr.isEmpty() ? "" : "\n[stderr]\n" + stderr));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String jar() {
        String jar = System.getProperty("barge.jar");
        assertThat(jar).as("the barge.jar system property (set by failsafe)").isNotNull();
        return jar;
    }
}
