package dev.barge.reconcile;

import static dev.barge.reconcile.Shell.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
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
    private ItStack stack;

    @BeforeEach
    void repo() throws IOException {
        stack = ItStack.create(tmp, STACK, "it-mo");
        stack.commit("""
                services:
                  app:
                    image: busybox:1.36
                    command: [sleep, "600"]
                    volumes: ["./conf:/conf:ro,z"]
                    tmpfs: ["/scratch:mode=1777,size=8m,noexec"]
                """, Map.of("stacks/itmo/conf/app.conf", "from the repo\n"));
    }

    @AfterEach
    void cleanUp() {
        ItStack.removeAll(STACK);
    }

    private String barge(String... args) {
        ItStack.Result r = stack.barge(args);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        return r.out();
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
