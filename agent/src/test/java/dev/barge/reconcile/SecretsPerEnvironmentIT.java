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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-environment age keys: a staging node holding only the staging key plans and applies on the real engine. */
class SecretsPerEnvironmentIT {
    private static final String STACK = "itsec";

    @TempDir
    Path tmp;

    @AfterEach
    void cleanUp() {
        Shell.removeStacks(STACK + "-staging", STACK + "-production");
        // apply mounted a tmpfs for the compose secret under the state dir: the temp dir cannot go with it mounted
        Path secrets = tmp.resolve("state/secrets");
        if (Files.isDirectory(secrets)) {
            Shell.run(null, "sh", "-c", "mountpoint -q '" + secrets + "' && umount '" + secrets + "' || true");
        }
    }

    @Test
    void stagingNodeAppliesWithOnlyTheStagingKey() throws IOException {
        DesiredTest.TwoKeyRepo r = DesiredTest.twoKeyRepo(tmp, STACK);
        Path agent = tmp.resolve("agent.yaml");
        Files.writeString(agent, """
                node: {name: vm-staging, labels: {environment: staging}}
                state_dir: %s
                secrets: {age_identities: [%s]}
                """.formatted(tmp.resolve("state"), r.stagingKey()));

        String[] plan = {"plan", "--config", agent.toString(), "--repo", r.repo().toString()};
        Result planned = barge(plan);
        assertThat(planned.code()).as(planned.all()).isZero();
        assertThat(planned.out()).contains(STACK + "-staging/app").doesNotContain(STACK + "-production");

        Result applied = barge("apply", "--config", agent.toString(), "--repo", r.repo().toString(), "--auto-approve");
        assertThat(applied.code()).as(applied.all()).isZero();
        assertThat(docker("inspect", "-f", "{{range .Config.Env}}{{println .}}{{end}}", STACK + "-staging-app-1"))
                .contains("GREETING=hello-staging");
        assertThat(docker("ps", "-a", "-q", "--filter", "label=dev.barge.stack=" + STACK + "-production")).isEmpty();
    }

    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Result barge(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // the prefix keeps barge from seeing, let alone removing, what other tests run on this engine
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of("BARGE_STACK_PREFIX", "itsec-"));
        return new Result(code, out.toString(), err.toString());
    }
}
