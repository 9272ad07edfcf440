package dev.barge.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.Main;
import dev.barge.decrypt.AgeIdentity;
import dev.barge.decrypt.Identities;
import dev.barge.plan.HashKey;
import dev.barge.select.NodeIdentity;
import dev.barge.source.DirectoryTree;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A config repo for diff tests, written to a directory: a fleet of 20 nodes in three label groups (3 earth
 * staging, 12 earth production, 5 mars production), a deployment per group and a shop and a status stack.
 */
public final class FleetRepo {
    static final byte[] KEY = new byte[HashKey.LENGTH];
    final Path dir;

    public FleetRepo(Path dir) {
        this.dir = dir;
    }

    public static FleetRepo twentyNodes(Path dir) {
        FleetRepo r = new FleetRepo(dir);
        StringBuilder fleet = new StringBuilder("nodes:\n");
        for (int i = 1; i <= 3; i++) {
            fleet.append("  - {name: stage-").append(i).append(", labels: {client: earth, environment: staging}}\n");
        }
        for (int i = 1; i <= 12; i++) {
            fleet.append("  - {name: earth-").append(i).append(", labels: {client: earth, environment: production}}\n");
        }
        for (int i = 1; i <= 5; i++) {
            fleet.append("  - {name: mars-").append(i).append(", labels: {client: mars, environment: production}}\n");
        }
        r.write("fleet.yaml", fleet.toString());
        r.write("stacks/shop/compose.yaml", """
                services:
                  web:
                    image: busybox:1.36
                    command: [httpd, -f, -p, "8080"]
                    environment:
                      LOG_LEVEL: ${LOG}
                """);
        r.write("stacks/status/compose.yaml", """
                services:
                  page:
                    image: busybox:1.36
                    command: [sleep, "3600"]
                """);
        r.write("deployments/earth.yaml", earth("info"));
        r.write("deployments/mars.yaml", """
                deployment: mars
                match: {client: mars}
                stacks:
                  - name: status
                    compose: stacks/status/compose.yaml
                """);
        return r;
    }

    public static String earth(String stagingLog) {
        return """
                deployment: earth-staging
                match: {client: earth, environment: staging}
                stacks:
                  - name: shop
                    compose: stacks/shop/compose.yaml
                    env: {LOG: %s}
                ---
                deployment: earth-production
                match: {client: earth, environment: production}
                stacks:
                  - name: shop
                    compose: stacks/shop/compose.yaml
                    env: {LOG: info}
                """.formatted(stagingLog);
    }

    FleetRepo copy(Path to) {
        try (var files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(dir.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FleetRepo(to);
    }

    public FleetRepo write(String path, String text) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    void delete(String path) {
        try {
            Files.delete(dir.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Encrypts {@code plaintext} into {@code path} for the identity in {@code key} (made first when missing). */
    FleetRepo encrypt(String path, String plaintext, Path key) {
        if (!Files.exists(key)) {
            assertThat(run(List.of("secrets", "keygen", "-o", key.toString()))).isZero();
        }
        String recipient = Identities.fromFile(key, "test").get(0).recipient();
        write(path, plaintext);
        assertThat(run(List.of("secrets", "encrypt", "--age", recipient, "--in-place", dir.resolve(path).toString()))).isZero();
        return this;
    }

    private static int run(List<String> args) {
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of());
        assertThat(err.toString()).isEmpty();
        return code;
    }

    static FleetDiff diff(FleetRepo base, FleetRepo head) {
        return diff(base, head, List.of(), Optional.empty());
    }

    static FleetDiff diff(FleetRepo base, FleetRepo head, List<AgeIdentity> identities, Optional<NodeIdentity> only) {
        DiffSecrets secrets = new DiffSecrets(identities);
        Side b = Side.load("base", new DirectoryTree(base.dir), secrets);
        Side h = Side.load("head", new DirectoryTree(head.dir), secrets);
        return Differ.diff(b, h, only, HashKey.of(KEY), secrets.comparedByFile());
    }
}
