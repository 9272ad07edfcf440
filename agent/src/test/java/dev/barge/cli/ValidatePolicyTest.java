package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.cli.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate --config agent.yaml}: a pull request learns what that host's apply would refuse for
 * policy, with file:line, and exit 77 as apply (issue 8: the policy is checked in CI too).
 */
class ValidatePolicyTest {
    @TempDir
    Path tmp;
    Path repo;

    @BeforeEach
    void repo() throws IOException {
        repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("deployments"));
        Files.createDirectories(repo.resolve("stacks/web"));
        Files.writeString(repo.resolve("deployments/p.yaml"), """
                deployment: p
                match: {role: web}
                stacks:
                  - name: web
                    compose: stacks/web/compose.yaml
                  - name: tools
                    compose:
                      services:
                        debug:
                          image: busybox:1.36
                          privileged: true
                """);
        Files.writeString(repo.resolve("stacks/web/compose.yaml"), """
                services:
                  app:
                    image: busybox:1.36
                    ports: ["8080:80"]
                    cap_add:
                      - SYS_ADMIN
                    volumes:
                      - data:/data
                volumes:
                  data:
                    driver_opts: {type: none, o: bind, device: /}
                """);
    }

    private Path agent(String labels, String policy) throws IOException {
        Path agent = tmp.resolve("agent.yaml");
        Files.writeString(agent, "node: {name: vm-1, labels: {" + labels + "}}\npolicy: " + policy + "\n");
        return agent;
    }

    @Test
    void validateWithConfigRefusesWhatApplyWouldWithFileAndLine() throws IOException {
        Run r = CliTest.run("validate", "--config", agent("role: web", "{bind_roots: [/srv]}").toString(), repo.toString());

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(77);
        assertThat(r.err()).contains("stacks/web/compose.yaml:5: service web/app asks for cap_add: SYS_ADMIN,"
                        + " which this host's policy does not list (policy.allowed_capabilities)")
                .contains("stacks/web/compose.yaml:11: volume web/data asks for driver_opts that bind /, outside this host's"
                        + " bind roots [/srv] (policy.bind_roots)")
                .contains("deployments/p.yaml:11: service tools/debug asks for privileged: true, which this host's policy"
                        + " forbids (policy.allow_privileged)")
                .contains("barge: this host's policy refuses 3 things node vm-1 would run");
        assertThat(r.out()).doesNotContain("is valid");
    }

    @Test
    void aViolationInAnIncludedOrExtendedServiceNamesTheFileItWasWrittenIn() throws IOException {
        Files.createDirectories(repo.resolve("stacks/lib"));
        Files.writeString(repo.resolve("stacks/lib/compose.yaml"), """
                services:
                  sidecar:
                    image: busybox:1.36
                    privileged: true
                """);
        Files.writeString(repo.resolve("stacks/lib/base.yaml"), """
                services:
                  admin:
                    image: busybox:1.36
                    cap_add: [SYS_ADMIN]
                """);
        Files.writeString(repo.resolve("stacks/web/compose.yaml"), """
                include: [../lib/compose.yaml]
                services:
                  app:
                    extends: {file: ../lib/base.yaml, service: admin}
                """);
        Run r = CliTest.run("validate", "--config", agent("role: web", "{bind_roots: [/srv]}").toString(), repo.toString());

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(77);
        assertThat(r.err()).contains("stacks/lib/compose.yaml:4: service web/sidecar asks for privileged: true")
                .contains("stacks/lib/base.yaml:4: service web/app asks for cap_add: SYS_ADMIN");
    }

    @Test
    void publishAddressesAreCheckedToo() throws IOException {
        Run r = CliTest.run("validate", "--config", agent("role: web",
                "{bind_roots: [/], allowed_capabilities: [SYS_ADMIN], allow_privileged: true, publish_addresses: [127.0.0.1]}")
                .toString(), repo.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(77);
        assertThat(r.err()).contains("stacks/web/compose.yaml:4: service web/app asks for ports published 8080 on every address,"
                + " which this host's policy does not list (policy.publish_addresses)");
    }

    @Test
    void aHostThatAllowsItOrDoesNotRunItValidates() throws IOException {
        Run allowed = CliTest.run("validate", "--config", agent("role: web",
                "{bind_roots: [/], allowed_capabilities: [SYS_ADMIN], allow_privileged: true}").toString(), repo.toString());
        assertThat(allowed.code()).as(allowed.err()).isZero();
        assertThat(allowed.out()).contains("is valid");

        Run elsewhere = CliTest.run("validate", "--config", agent("role: db", "{}").toString(), repo.toString());
        assertThat(elsewhere.code()).as("a node that runs none of it: " + elsewhere.err()).isZero();

        assertThat(CliTest.run("validate", repo.toString()).code()).as("without an agent config").isZero();
    }
}
