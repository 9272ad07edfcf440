package dev.barge.reconcile;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's docker-registry (distribution 2.x) on a free 127.0.0.1 port, with its storage in a temp
 * dir and, when a user is given, htpasswd auth. The engine treats 127.0.0.0/8 registries as insecure,
 * so it pulls over plain http. The docker CLI logs in with its own DOCKER_CONFIG in the temp dir,
 * never ~/.docker, so barge cannot pick up that login by accident.
 */
final class LocalRegistry implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Process process;
    private final int port;
    private final Path dir;
    private final String user;
    private final String password;

    private LocalRegistry(Process process, int port, Path dir, String user, String password) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.user = user;
        this.password = password;
    }

    /** @param user null for a registry without auth */
    static LocalRegistry start(Path dir, String user, String password) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            fail(BINARY + " is missing: install Debian's docker-registry package (scripts/lib/engine.sh does)");
        }
        Files.createDirectories(dir);
        int port = freePort();
        String auth = "";
        if (user != null) {
            Engine.Cli made = Engine.exec(Map.of(), dir, List.of("htpasswd", "-Bbn", user, password));
            if (made.exitCode() != 0) {
                fail("htpasswd (apache2-utils) failed: " + made.out());
            }
            Files.writeString(dir.resolve("htpasswd"), made.out().strip() + "\n");
            auth = "auth:\n  htpasswd:\n    realm: barge-it\n    path: " + dir.resolve("htpasswd") + "\n";
        }
        Files.writeString(dir.resolve("config.yml"), """
                version: 0.1
                log: {level: warn}
                storage:
                  filesystem: {rootdirectory: %s}
                  delete: {enabled: true}
                http:
                  addr: 127.0.0.1:%d
                  secret: barge-it-only
                """.formatted(dir.resolve("data"), port) + auth);
        Process process = new ProcessBuilder(BINARY.toString(), "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        LocalRegistry registry = new LocalRegistry(process, port, dir, user, password);
        if (!Engine.await(Duration.ofSeconds(15), Duration.ofMillis(100), registry::answers)) {
            registry.close();
            fail("docker-registry did not listen on 127.0.0.1:" + port + " within 15s:\n"
                    + Files.readString(dir.resolve("registry.log")));
        }
        return registry;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /**
     * Pushes the local image to {@code address()/repository:tag} and removes the local tag again, so
     * that using the reference means pulling it. Returns the reference.
     */
    String push(String localImage, String repositoryAndTag) {
        String ref = address() + "/" + repositoryAndTag;
        Map<String, String> env = Map.of("DOCKER_CONFIG", dir.resolve("docker-config").toString());
        if (user != null) {
            Engine.docker(env, "login", address(), "-u", user, "-p", password);
        }
        Engine.docker(env, "tag", localImage, ref);
        try {
            Engine.docker(env, "push", ref);
        } finally {
            Engine.cli(env, "rmi", ref);
            if (user != null) {
                Engine.cli(env, "logout", address());
            }
        }
        return ref;
    }

    private boolean answers() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
