package dev.barge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One agent IT's world: a work repo pushed to a bare "remote" served by a real {@code git daemon},
 * the agent config, and {@code barge agent} running as its own process. Ports: {@code base} the
 * web service, {@code base+1} the git daemon, {@code base+2} the agent's listener.
 */
final class AgentFixture implements AutoCloseable {
    static final String SECRET = "itagent-webhook-secret";

    final Path work;
    final String stack;
    final int webPort;
    final int gitPort;
    final int listenPort;
    final Path repo;
    final Path remote;
    private Process daemon;
    BargeProcess agent;

    AgentFixture(Path work, String stack, int base) {
        this.work = work;
        this.stack = stack;
        this.webPort = base;
        this.gitPort = base + 1;
        this.listenPort = base + 2;
        this.repo = work.resolve("repo");
        this.remote = work.resolve("remote.git");
        Engine.cleanUp(stack);
        try {
            Files.createDirectories(repo);
            Files.createDirectories(work.resolve("docker-config"));
            Path secret = work.resolve("webhook-secret");
            Files.writeString(secret, SECRET + "\n");
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Shell.git(work, "init", "-q", "--bare", "-b", "main", remote.toString());
        Shell.git(repo, "init", "-q", "-b", "main");
    }

    /** A web server answering {@code body}; healthy {@code readyAfter} s after start, or never when negative. */
    AgentFixture web(String body, int readyAfter) {
        String ready = readyAfter < 0 ? "" : "(sleep " + readyAfter + "; touch /tmp/ready) & ";
        return deployment(stack, """
                  - name: %s
                    health_timeout: 8s
                    compose:
                      services:
                        web:
                          image: busybox:1.36
                          command: ["sh", "-c", "mkdir -p /www; echo %s > /www/index.html; %sexec httpd -f -p 8080 -h /www"]
                          ports: ["127.0.0.1:%d:8080"]
                          init: true
                          healthcheck:
                            test: ["CMD", "test", "-f", "/tmp/ready"]
                            interval: 1s
                            timeout: 1s
                            retries: 10
                """.formatted(stack, body, ready, webPort));
    }

    AgentFixture deployment(String name, String stacks) {
        write("deployments/" + name + ".yaml", "deployment: " + name + "\nmatch: {role: it}\nstacks:\n" + stacks);
        return this;
    }

    AgentFixture write(String path, String content) {
        try {
            Path file = repo.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Commits everything and pushes it to the remote; returns the sha. */
    String push(String message) {
        String sha = Shell.commitAll(repo, message);
        Shell.git(repo, "push", "-q", remote.toString(), "main");
        return sha;
    }

    void startDaemon() {
        try {
            daemon = new ProcessBuilder(List.of("git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1",
                    "--port=" + gitPort, "--base-path=" + work, work.toString()))
                    .redirectErrorStream(true).redirectOutput(work.resolve("daemon.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(Engine.await(Duration.ofSeconds(15), Duration.ofMillis(50), this::daemonListens)).isTrue();
    }

    private boolean daemonListens() {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", gitPort), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void stopDaemon() {
        if (daemon != null) {
            daemon.destroy();
            try {
                if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            daemon = null;
        }
    }

    Path config(String poll, String more) {
        Path file = work.resolve("agent.yaml");
        try {
            Files.writeString(file, """
                    node: {name: vm-it, labels: {role: it}}
                    source: {url: "git://127.0.0.1:%d/remote.git", poll_interval: %s, allow_insecure_transport: true}
                    state_dir: state
                    server: {listen: "127.0.0.1:%d", webhook_secret_file: webhook-secret}
                    apply: {settle_time: 1s}
                    %s
                    """.formatted(gitPort, poll, listenPort, more));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    Map<String, String> env() {
        return BargeProcess.env(stack, work.resolve("docker-config"), Map.of());
    }

    BargeProcess startAgent(String poll, String more) {
        config(poll, more);
        agent = BargeProcess.start(work, env(), List.of("agent", "--config", "agent.yaml"));
        return agent;
    }

    Path state() {
        return work.resolve("state");
    }

    String agentFile() {
        try {
            Path file = state().resolve("agent.json");
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits until the agent's output contains {@code text}. */
    boolean awaitLog(String text, Duration timeout) {
        return Engine.await(timeout, Duration.ofMillis(20), () -> agent.output().contains(text));
    }

    /** SIGTERM, as systemd stops it. */
    void terminate() {
        ProcessHandle.of(agent.pid()).ifPresent(ProcessHandle::destroy);
    }

    @Override
    public void close() {
        if (agent != null && agent.alive()) {
            agent.kill();
        }
        stopDaemon();
        Engine.cleanUp(stack);
    }
}
