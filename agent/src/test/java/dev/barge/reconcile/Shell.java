package dev.barge.reconcile;

import java.io.IOException;
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
import java.util.concurrent.TimeUnit;

/** The real tools an IT drives around barge: git, the docker CLI, HTTP on 127.0.0.1. */
final class Shell {
    private Shell() {
    }

    static String run(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir == null ? null : dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out.trim();
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String git(Path repo, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=barge-it", "-c", "user.email=it@barge.dev",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        return run(repo, command.toArray(String[]::new));
    }

    static String commitAll(Path repo, String message) {
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", message);
        return git(repo, "rev-parse", "HEAD");
    }

    static String docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return run(null, command.toArray(String[]::new));
    }

    /** Removes every barge-owned container, network and volume of the given stacks. */
    static void removeStacks(String... stacks) {
        for (String stack : stacks) {
            String filter = "label=dev.barge.stack=" + stack;
            for (String id : docker("ps", "-aq", "--filter", filter).lines().filter(l -> !l.isBlank()).toList()) {
                docker("rm", "-f", id);
            }
            for (String id : docker("network", "ls", "-q", "--filter", filter).lines().filter(l -> !l.isBlank()).toList()) {
                docker("network", "rm", id);
            }
            for (String id : docker("volume", "ls", "-q", "--filter", filter).lines().filter(l -> !l.isBlank()).toList()) {
                docker("volume", "rm", "-f", id);
            }
        }
    }

    /** The body at {@code url}, retried until it contains {@code expected} or 20 s pass. */
    static String awaitPage(String url, String expected) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plusSeconds(20);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                last = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (last.contains(expected)) {
                    return last;
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(300);
        }
        throw new AssertionError(url + " did not answer with '" + expected + "' within 20 s; last: " + last);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
