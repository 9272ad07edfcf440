package dev.barge.cli;

import static dev.barge.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.cli.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret interpolated anywhere in a compose file never reaches validate's or render's output: not in
 * a rendered attribute (hostname, logging tag, extra_hosts, cap_add, logging driver) nor in a problem that
 * quotes the value (an unknown service in depends_on, an undeclared network or secret).
 */
class SecretValuesInOutputTest {
    static final String MARKER = "zqmark" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    record Repo(Path repo, Map<String, String> env) {
    }

    /** A repo whose secret file sets MARK to {@link #MARKER}, and the environment naming its key. */
    static Repo repo(Path tmp, String service, String topLevel) throws IOException {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("deployments"));
        Files.createDirectories(repo.resolve("secrets"));
        Files.writeString(repo.resolve("deployments/app.yaml"), """
                deployment: app
                match: {environment: staging}
                stacks:
                  - name: itsecout
                    env_files: [secrets/app.sops.env]
                    compose:
                      services:
                        app:
                          image: busybox:1.36
                          command: [sleep, "600"]
                """ + service.indent(10) + topLevel.indent(6));
        Path key = CliTest.encryptWithNewKey(tmp, repo.resolve("secrets/app.sops.env"), "MARK=" + MARKER + "\n");
        return new Repo(repo, Map.of("SOPS_AGE_KEY_FILE", key.toString()));
    }

    /** What apply accepts at config time but the engine may refuse: every one is rendered (sensitive). */
    static final String ATTRIBUTES = """
            hostname: ${MARK}
            extra_hosts: ["${MARK}:10.0.0.1"]
            cap_add: ["${MARK}"]
            logging:
              driver: ${MARK}
              options: {tag: "${MARK}"}
            """;

    @Test
    void secretValuesInRenderedAttributesPrintAsSensitive(@TempDir Path tmp) throws IOException {
        Repo r = repo(tmp, ATTRIBUTES, "");

        Run render = run(r.env(), "render", "--repo", r.repo().toString(), "--labels", "environment=staging", "--node", "vm-1");
        Run validate = run(r.env(), "validate", "--labels", "environment=staging", "--node", "vm-1", r.repo().toString());

        assertThat(render.code()).as(render.err()).isZero();
        assertThat(render.out()).contains("hostname: (sensitive)").contains("tag: (sensitive)")
                .contains("extra_hosts: (sensitive)").contains("cap_add: (sensitive)");
        assertThat(validate.code()).as(validate.err()).isZero();
        for (Run output : new Run[] {render, validate}) {
            assertThat(output.out() + output.err()).doesNotContain(MARKER);
        }
    }

    @Test
    void secretValuesInValidationProblemsPrintAsSensitive(@TempDir Path tmp) throws IOException {
        Repo r = repo(tmp, """
                container_name: "c-${MARK}"
                depends_on: ["${MARK}"]
                networks: ["${MARK}"]
                secrets: ["${MARK}"]
                """, """
                networks:
                  front: {name: "net-${MARK}"}
                """);

        Run validate = run(r.env(), "validate", r.repo().toString());
        Run render = run(r.env(), "render", "--repo", r.repo().toString(), "--labels", "environment=staging", "--node", "vm-1");

        assertThat(validate.code()).as(validate.out() + validate.err()).isEqualTo(65);
        assertThat(validate.err()).contains("(sensitive)").contains("a name cannot come from a secret");
        for (Run output : new Run[] {validate, render}) {
            assertThat(output.out() + output.err()).doesNotContain(MARKER);
        }
    }
}
