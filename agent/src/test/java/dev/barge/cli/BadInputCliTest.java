package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.cli.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input through the CLI: one clear line, the right exit code, nothing raw reaches the terminal. */
class BadInputCliTest {

    private static Path repo(Path tmp, String deployment) throws IOException {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("deployments"));
        Files.writeString(repo.resolve("deployments/a.yaml"), deployment);
        return repo;
    }

    private static Path agent(Path tmp) throws IOException {
        return Files.writeString(tmp.resolve("agent.yaml"), "node: {name: vm-1, labels: {client: c}}\n");
    }

    @Test
    void sameContainerNameInTwoStacksOfANodeIsRefusedByValidate(@TempDir Path tmp) throws IOException {
        Path repo = repo(tmp, """
                deployment: a
                match: {client: c}
                stacks:
                  - name: one
                    compose: {services: {web: {image: busybox, container_name: shared}}}
                  - name: two
                    compose: {services: {web: {image: busybox, container_name: shared}}}
                """);
        Run r = CliTest.run("validate", "--config", agent(tmp).toString(), repo.toString());
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.out()).doesNotContain("is valid");
        assertThat(r.err()).isEqualTo("barge: container name shared is used by stack a/one (deployments/a.yaml:4) and by stack"
                + " a/two (deployments/a.yaml:6) on node vm-1: give one of them another container_name\n");
    }

    @Test
    void validateReadsAndChecksSopsYaml(@TempDir Path tmp) throws IOException {
        Path repo = repo(tmp, "deployment: a\nmatch: {client: c}\nstacks: []\n");
        Files.writeString(repo.resolve(".sops.yaml"), "creation_rules:\n  - path_regex: secrets/\n    age: age1notakey\n");
        Run r = CliTest.run("validate", repo.toString());
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).contains(".sops.yaml: creation rule 1 names an age recipient that is not one");
        Files.writeString(repo.resolve(".sops.yaml"), "[1, 2]\n");
        assertThat(CliTest.run("validate", repo.toString()).err()).contains("the top level of a YAML document must be a mapping");
    }

    @Test
    void validateCountsNounsAndMentionsSecretFilesOnlyWhenThereAreSome(@TempDir Path tmp) throws IOException {
        Path repo = repo(tmp, "deployment: a\nmatch: {client: c}\nstacks:\n  - name: s\n    compose: {services: {web: {image: busybox}}}\n");
        Run r = CliTest.run("validate", repo.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("is valid: 1 deployment, 1 stack, 1 service.").doesNotContain("Secret files");
    }

    @Test
    void controlCharactersFromTheRepoAreEscapedInExplainAndProblems(@TempDir Path tmp) throws IOException {
        Path repo = repo(tmp, "deployment: a\nmatch: {client: \"\\e[31mred\"}\nstacks: []\n");
        Run explain = CliTest.run("explain", "--labels", "client=c", "--node", "vm-1", repo.toString());
        assertThat(explain.code()).as(explain.err()).isZero();
        assertThat(explain.out()).doesNotContain("\u001b").contains("\\x1b[31mred");
        Files.writeString(repo.resolve("deployments/a.yaml"),
                "deployment: a\nmatch: {client: c}\nstacks:\n  - name: s\n    compose: \"stacks/new\\nline\\e]0;x.yaml\"\n");
        Run validate = CliTest.run("validate", repo.toString());
        assertThat(validate.code()).isEqualTo(65);
        assertThat(validate.err().lines()).hasSize(2);
        assertThat(validate.err()).doesNotContain("\u001b").contains("stacks/new\\nline\\x1b]0;x.yaml");
    }

    @Test
    void nulInAPathIsOneLineNotAnInternalError(@TempDir Path tmp) throws IOException {
        Path repo = repo(tmp, "{\"deployment\": \"a\", \"match\": {\"client\": \"c\"}, \"stacks\": [{\"name\": \"s\","
                + " \"env_files\": [\"x\\u0000y.env\"], \"compose\": {\"services\": {\"web\": {\"image\": \"busybox\"}}}}]}");
        Files.move(repo.resolve("deployments/a.yaml"), repo.resolve("deployments/a.json"));
        Run r = CliTest.run("validate", repo.toString());
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).contains("env file x\\x00y.env has a control character in its name").doesNotContain("java.");
    }

    @Test
    void stacksAsAMappingIsASchemaProblemNotANullPointer(@TempDir Path tmp) throws IOException {
        Path repo = repo(tmp, "deployment: a\nmatch: {client: c}\nstacks: {\"name\": \"x\"}\n");
        Run r = CliTest.run("validate", repo.toString());
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).startsWith("deployments/a.yaml:3: stacks: object found, array expected");
    }

    @Test
    void aConfigJsonThatIsNotHikarisSaysSo(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("config.json"), "[{\"deploy_configs\": {}}]");
        Run r = CliTest.run("validate", tmp.toString());
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).contains("config.json in ").contains("is not a Hikari config (one JSON object with deploy_configs)");
    }
}
