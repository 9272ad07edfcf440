package dev.barge.reconcile;

import static dev.barge.reconcile.Shell.docker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mount options of real-world compose files (superset, jitsi) on the real engine: a repo bind with the
 * SELinux relabel {@code z} and a tmpfs with docker's options. Stacks start with {@code itmo}; no ports.
 */
class MountOptionsIT {
    private static final String STACK = "itmo";

    @TempDir
    Path tmp;
    private Path repo;
    private Path agent;

    @BeforeEach
    void repo() throws IOException {
        cleanUp();
        repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve("deployments"));
        Files.writeString(repo.resolve("deployments/itmo.yaml"), """
                deployment: itmo
                match: {role: it}
                stacks:
                  - name: itmo
                    compose: stacks/itmo/compose.yaml
                    health_timeout: 30s
                """);
        Files.createDirectories(repo.resolve("stacks/itmo/conf"));
        Files.writeString(repo.resolve("stacks/itmo/conf/app.conf"), "from the repo\n");
        Files.writeString(repo.resolve("stacks/itmo/compose.yaml"), """
                services:
                  app:
                    image: busybox:1.36
                    command: [sleep, "600"]
                    volumes: ["./conf:/conf:ro,z"]
                    tmpfs: ["/scratch:mode=1777,size=8m,noexec"]
                """);
        Shell.git(repo, "init", "-q", "-b", "main");
        Shell.commitAll(repo, "mount options");
        agent = tmp.resolve("agent.yaml");
        Files.writeString(agent, """
                node: {name: it-mo, labels: {role: it}}
                source: {url: "file://%s", branch: main, path: .}
                state_dir: %s
                apply: {settle_time: 1s}
                """.formatted(repo, tmp.resolve("state")));
    }

    @AfterEach
    void cleanUp() {
        // busybox declares no VOLUME: the containers leave no anonymous volume behind
        Shell.removeStacks(STACK);
    }

    private String barge(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = Stream.concat(Stream.of(args), Stream.of("--config", agent.toString())).toArray(String[]::new);
        int code = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true), Map.of("BARGE_LOCK_WAIT", "5s"));
        assertThat(code).as(out + "" + err).isZero();
        return out.toString();
    }

    @Test
    void aRelabelledRepoBindAndTmpfsOptionsRunAndStayUnchanged() {
        barge("apply", "--auto-approve");
        String id = docker("inspect", "--format", "{{.Id}}", "itmo-app-1");

        assertThat(docker("exec", "itmo-app-1", "cat", "/conf/app.conf")).contains("from the repo");
        assertThat(docker("exec", "itmo-app-1", "stat", "-c", "%a", "/scratch").strip()).isEqualTo("1777");
        String mount = docker("exec", "itmo-app-1", "grep", " /scratch ", "/proc/mounts");
        assertThat(mount).contains("tmpfs").contains("noexec").contains("size=8192k");
        assertThat(docker("inspect", "--format", "{{json .HostConfig.Binds}}", "itmo-app-1")).contains(":/conf:ro,z");
        assertThat(docker("exec", "itmo-app-1", "sh", "-c", "echo x > /conf/y 2>/dev/null && echo writable || echo ro"))
                .contains("ro");

        assertThat(barge("plan")).contains("No changes.");
        barge("apply", "--auto-approve");
        assertThat(docker("inspect", "--format", "{{.Id}}", "itmo-app-1")).isEqualTo(id);
    }
}
