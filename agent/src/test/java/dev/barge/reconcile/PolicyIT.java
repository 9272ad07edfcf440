package dev.barge.reconcile;

import static dev.barge.reconcile.Shell.docker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.Main;
import dev.barge.record.StateStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host's policy refuses a repo's request before anything changes, with exit 77 naming the service and key. */
class PolicyIT {
    @TempDir
    Path tmp;

    @AfterEach
    void cleanUp() {
        Shell.removeStacks("itpolicy");
    }

    @Test
    void aPrivilegedServiceAndABindMountOutsideTheRootsAreRefusedBeforeAnyChange() throws IOException {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("deployments"));
        Files.writeString(repo.resolve("deployments/p.yaml"), """
                deployment: p
                match: {role: test}
                stacks:
                  - name: itpolicy
                    compose:
                      services:
                        fine:
                          image: busybox:1.36
                          command: [sleep, "600"]
                        root:
                          image: busybox:1.36
                          command: [sleep, "600"]
                          privileged: true
                        logs:
                          image: busybox:1.36
                          command: [sleep, "600"]
                          volumes: ["/etc:/host-etc:ro"]
                """);
        Path agent = tmp.resolve("agent.yaml");
        Files.writeString(agent, """
                node: {name: vm-p, labels: {role: test}}
                state_dir: %s
                policy: {allow_privileged: false, bind_roots: [/srv]}
                """.formatted(tmp.resolve("state")));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"apply", "--config", agent.toString(), "--repo", repo.toString(), "--auto-approve"},
                new PrintWriter(out, true), new PrintWriter(err, true), Map.of());

        assertThat(code).as(out + "" + err).isEqualTo(77);
        assertThat(err.toString()).contains("itpolicy/root").contains("privileged").contains("policy.allow_privileged")
                .contains("itpolicy/logs").contains("/etc").contains("policy.bind_roots");
        assertThat(docker("ps", "-a", "-q", "--filter", "label=dev.barge.stack=itpolicy")).isEmpty();
        assertThat(docker("network", "ls", "-q", "--filter", "label=dev.barge.stack=itpolicy")).isEmpty();
        assertThat(new StateStore(tmp.resolve("state")).history()).isEmpty();
    }
}
