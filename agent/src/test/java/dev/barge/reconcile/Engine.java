package dev.barge.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The ITs' own view of the engine, through the docker CLI (independent of barge's gateway): what
 * barge-labelled containers of the test's stacks exist, and removing them.
 */
final class Engine {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Engine() {
    }

    /** A barge-labelled container: its name, state (running, exited, ...), stack and spec hash label. */
    record Row(String name, String state, String stack, String spec) {
    }

    static List<Row> containers(String stackPrefix) {
        List<Row> rows = new ArrayList<>();
        for (String line : docker(Map.of(), "ps", "-a", "--filter", "label=dev.barge.managed=true", "--format",
                "{{.Names}}\t{{.State}}\t{{.Label \"dev.barge.stack\"}}\t{{.Label \"dev.barge.spec\"}}").lines().toList()) {
            String[] f = line.split("\t", -1);
            if (f.length == 4 && f[2].startsWith(stackPrefix)) {
                rows.add(new Row(f[0], f[1], f[2], f[3]));
            }
        }
        return rows;
    }

    static List<String> names(String stackPrefix) {
        return containers(stackPrefix).stream().map(Row::name).sorted().toList();
    }

    /** The container's health status (starting, healthy, unhealthy), or "" when it has none or is gone. */
    static String health(String container) {
        Cli r = cli(Map.of(), "inspect", "-f", "{{if .State.Health}}{{.State.Health.Status}}{{end}}", container);
        return r.exitCode() == 0 ? r.out().strip() : "";
    }

    /** Removes the containers, networks and volumes whose dev.barge.stack label starts with the prefix. */
    static void cleanUp(String stackPrefix) {
        List<String> containers = names(stackPrefix);
        if (!containers.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f", "-v"));
            args.addAll(containers);
            cli(Map.of(), args.toArray(String[]::new));
        }
        for (String kind : List.of("network", "volume")) {
            for (String line : docker(Map.of(), kind, "ls", "--filter", "label=dev.barge.managed=true", "--format",
                    "{{.Name}}\t{{.Label \"dev.barge.stack\"}}").lines().toList()) {
                String[] f = line.split("\t", -1);
                if (f.length == 2 && f[1].startsWith(stackPrefix)) {
                    cli(Map.of(), kind, "rm", f[0]);
                }
            }
        }
    }

    /** The body of GET http://127.0.0.1:port/, or null when nothing answers with 200. */
    static String get(int port) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body().strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Polls {@code condition} every {@code every} until it holds; false when {@code timeout} passed first. */
    static boolean await(Duration timeout, Duration every, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleep(every);
        }
        return condition.getAsBoolean();
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    record Cli(int exitCode, String out) {
    }

    /** Runs the docker CLI; {@code env} adds to the environment (e.g. DOCKER_CONFIG for a login). */
    static Cli cli(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return exec(env, null, command);
    }

    /** Like {@link #cli}, but a failure fails the test with the command's output. */
    static String docker(Map<String, String> env, String... args) {
        Cli r = cli(env, args);
        if (r.exitCode() != 0) {
            throw new AssertionError("docker " + String.join(" ", args) + " exited " + r.exitCode() + ":\n" + r.out());
        }
        return r.out();
    }

    static Cli exec(Map<String, String> env, Path dir, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        builder.environment().putAll(env);
        try {
            Process p = builder.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 120s");
            }
            return new Cli(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command);
        }
    }
}
