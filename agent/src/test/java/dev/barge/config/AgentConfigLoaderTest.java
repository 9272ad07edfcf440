package dev.barge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void readsEverySettingAndResolvesRelativePathsAgainstTheConfigDirectory() throws IOException {
        AgentConfig config = AgentConfigLoader.load(write("etc/agent.yaml", """
                node:
                  name: vm-1
                  labels: {client: earth, environment: staging, tier: 2}
                source:
                  url: git@git.example.com:ops/deploy.git
                  branch: release
                  path: envs/prod
                  poll_interval: 1m
                  timeout: 90s
                  auth: {ssh_key: keys/id_ed25519, known_hosts: /etc/ssh/known_hosts}
                  verify:
                    allowed_signers: allowed_signers
                    gpg_keys: [keys/ops.asc]
                secrets:
                  age_identities: [age.key, /root/other.key]
                policy:
                  allow_privileged: true
                  allow_host_network: false
                  allow_devices: true
                  bind_roots: [/srv, /var/log/]
                state_dir: state
                server: {listen: "127.0.0.1:9910", webhook_secret_file: webhook-secret}
                on_failure: stop
                """));

        Path etc = dir.resolve("etc");
        assertThat(config.node()).isEqualTo(new AgentConfig.Node("vm-1", Map.of("client", "earth", "environment", "staging",
                "tier", "2")));
        assertThat(config.source()).isEqualTo(new AgentConfig.Source("git@git.example.com:ops/deploy.git", "release",
                "envs/prod", Duration.ofMinutes(1),
                new AgentConfig.Auth(null, null, null, etc.resolve("keys/id_ed25519"), Path.of("/etc/ssh/known_hosts")),
                new AgentConfig.Verify(etc.resolve("allowed_signers"), List.of(etc.resolve("keys/ops.asc"))),
                Duration.ofSeconds(90)));
        assertThat(config.secrets().ageIdentities()).containsExactly(etc.resolve("age.key"), Path.of("/root/other.key"));
        assertThat(config.policy()).isEqualTo(new AgentConfig.Policy(true, false, List.of(Path.of("/srv"), Path.of("/var/log")), true));
        assertThat(config.stateDir()).isEqualTo(etc.resolve("state"));
        assertThat(config.server()).isEqualTo(new AgentConfig.Server("127.0.0.1:9910", etc.resolve("webhook-secret")));
        assertThat(config.onFailure()).isEqualTo(AgentConfig.OnFailure.STOP);
    }

    @Test
    void anEmptyConfigGivesTheDefaults() throws IOException {
        AgentConfig config = AgentConfigLoader.load(write("agent.yaml", "# nothing yet\n"));

        assertThat(config.node().name()).isNotBlank();
        assertThat(config.node().labels()).isEmpty();
        assertThat(config.source()).isNull();
        assertThat(config.secrets()).isEqualTo(AgentConfig.Secrets.NONE);
        assertThat(config.policy()).isEqualTo(AgentConfig.Policy.DEFAULTS);
        assertThat(config.stateDir()).isEqualTo(AgentConfig.DEFAULT_STATE_DIR);
        assertThat(config.server()).isNull();
        assertThat(config.onFailure()).isEqualTo(AgentConfig.OnFailure.ROLLBACK);
        assertThat(config.apply()).isEqualTo(AgentConfig.Apply.DEFAULTS);
    }

    @Test
    void theApplySectionIsReadAndChecked() throws IOException {
        AgentConfig config = AgentConfigLoader.load(write("agent.yaml",
                "apply: {settle_time: 5s, pull_parallelism: 2, health_timeout: 2m}\n"));
        assertThat(config.apply()).isEqualTo(new AgentConfig.Apply(Duration.ofSeconds(5), 2, Duration.ofMinutes(2)));

        assertThatThrownBy(() -> AgentConfigLoader.load(write("bad.yaml", "apply: {pull_parallelism: 0, settle: 1s}\n")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(Problem::render).anySatisfy(p -> assertThat(p).contains("pull_parallelism"))
                        .anySatisfy(p -> assertThat(p).contains("settle")));
    }

    @Test
    void aSourceWithOnlyAUrlGetsTheDefaults() throws IOException {
        AgentConfig config = AgentConfigLoader.load(write("agent.yaml", "source:\n  url: https://git.example.com/deploy.git\n"));

        assertThat(config.source()).isEqualTo(new AgentConfig.Source("https://git.example.com/deploy.git", "main", ".",
                Duration.ofSeconds(30), AgentConfig.Auth.NONE, null, Duration.ofSeconds(60)));
    }

    @Test
    void aLocalRepositoryPathIsResolvedAgainstTheConfigDirectory() throws IOException {
        AgentConfig config = AgentConfigLoader.load(write("checkout/examples/agent.yaml", "source:\n  url: ..\n  path: examples/config-repo\n"));

        assertThat(config.source().url()).isEqualTo("file://" + dir.resolve("checkout").toAbsolutePath());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "unknown key        | `nodes: {name: a}`                                              | 1 | /nodes                  | unknown key 'nodes'",
            "label not a scalar | `node: {labels: {client: [a]}}`                                 | 1 | /node/labels/client     | client: ",
            "bad duration       | `source: {url: /srv/repo, poll_interval: often}`                | 1 | /source/poll_interval   | poll_interval: must be a duration",
            "zero poll          | `source: {url: /srv/repo, poll_interval: 0s}`                   | 1 | /source/poll_interval   | poll_interval must be more than 0s",
            "http url           | `source: {url: 'http://git.example.com/x.git'}`                 | 1 | /source/url             | http://git.example.com/x.git would send credentials in the clear",
            "missing url        | `source: {branch: main}`                                        | 1 | /source                 | missing required key 'url'",
            "token and password | `source: {url: 'https://h/x', auth: {token_file: t, username: u, password_file: p}}` | 1 | /source/auth | auth has both token_file and password_file",
            "password, no user  | `source: {url: 'https://h/x', auth: {password_file: p}}`        | 1 | /source/auth/password_file | password_file needs a username",
            "key for https      | `source: {url: 'https://h/x', auth: {ssh_key: k}}`              | 1 | /source/auth/ssh_key    | ssh_key and known_hosts apply to ssh urls",
            "token for ssh      | `source: {url: 'git@h:x', auth: {token_file: t}}`               | 1 | /source/auth            | source.url is an ssh url but auth gives a token",
            "empty verify       | `source: {url: /srv/repo, verify: {gpg_keys: []}}`              | 1 | /source/verify          | verify needs allowed_signers or gpg_keys",
            "path escapes       | `source: {url: /srv/repo, path: ../elsewhere}`                  | 1 | /source/path            | path ../elsewhere leaves the repository",
            "relative bind root | `policy: {bind_roots: [srv]}`                                   | 1 | /policy/bind_roots/0    | bind_roots: must be an absolute path",
            "bad listen         | `server: {listen: 9910}`                                        | 1 | /server/listen          | listen: ",
            "bad on_failure     | `on_failure: retry`                                             | 1 | /on_failure             | on_failure: ",
            "two documents      | `node: {name: a}\n---\nnode: {name: b}`                          | 3 | ''                      | an agent config holds one YAML document",
            "YAML syntax        | `node: {name: a`                                                | 1 | ''                      | not valid YAML"})
    void mistakes(String name, String yaml, int line, String pointer, String message) throws IOException {
        Path file = write("agent.yaml", yaml.replace("\\n", "\n") + "\n");

        assertThatThrownBy(() -> AgentConfigLoader.load(file)).isInstanceOfSatisfying(InvalidConfigException.class, e -> {
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo(file.toString());
                assertThat(p.pointer()).isEqualTo(pointer.equals("''") ? "" : pointer);
                assertThat(p.line()).isEqualTo(line);
                assertThat(p.message()).startsWith(message);
            });
        });
    }

    @Test
    void aMissingFileSaysHowToFixIt() {
        assertThatThrownBy(() -> AgentConfigLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT))
                .hasMessageContaining("does not exist")
                .hasMessageContaining("--config");
    }

    @Test
    void theExampleAgentConfigDeploysTheExampleRepoFromThisCheckout() {
        AgentConfig config = AgentConfigLoader.load(Repos.checkout().resolve("examples/agent.yaml"));

        assertThat(config.source().url()).isEqualTo("file://" + Repos.checkout());
        assertThat(config.source().path()).isEqualTo("examples/config-repo");
        assertThat(config.node().labels()).containsEntry("client", "mars").containsEntry("environment", "staging");
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }
}
