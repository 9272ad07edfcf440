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
import java.util.Set;
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
                "apply: {settle_time: 5s, pull_parallelism: 2, health_timeout: 2m, parallelism: 3}\n"));
        assertThat(config.apply()).isEqualTo(new AgentConfig.Apply(Duration.ofSeconds(5), 2, Duration.ofMinutes(2), 3));

        assertThatThrownBy(() -> AgentConfigLoader.load(write("bad.yaml", "apply: {pull_parallelism: 0, parallelism: 0, settle: 1s}\n")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(Problem::render).anySatisfy(p -> assertThat(p).contains("pull_parallelism"))
                        .anySatisfy(p -> assertThat(p).contains("/apply/parallelism"))
                        .anySatisfy(p -> assertThat(p).contains("settle")));
    }

    @Test
    void everyPolicySettingIsRead() throws IOException {
        AgentConfig config = AgentConfigLoader.load(write("agent.yaml", """
                policy:
                  allowed_capabilities: [cap_net_admin, SYS_TIME]
                  allowed_security_opts: ["seccomp=unconfined"]
                  allowed_sysctls: [kernel.shm_rmid_forced]
                  allow_volume_drivers: true
                  allow_network_drivers: true
                  external_volumes: [backup]
                  external_networks: [traefik]
                  publish_addresses: [127.0.0.1, "::1"]
                  logging_drivers: [json-file, syslog]
                  max_tmpfs_size: 256m
                  allowed_runtimes: [runc, nvidia]
                """));

        assertThat(config.policy()).isEqualTo(new AgentConfig.Policy(false, false, List.of(), false,
                Set.of("NET_ADMIN", "SYS_TIME"), Set.of("seccomp=unconfined"), List.of("kernel.shm_rmid_forced"), true, true,
                Set.of("backup"), Set.of("traefik"), List.of("127.0.0.1", "::1"), Set.of("json-file", "syslog"), 256L << 20,
                Set.of("runc", "nvidia")));
    }

    @Test
    void emptyPolicyListsAllowNothingOfTheirKind() throws IOException {
        AgentConfig config = AgentConfigLoader.load(write("agent.yaml",
                "policy: {allowed_capabilities: [], publish_addresses: [], logging_drivers: [], allowed_sysctls: [],"
                        + " allowed_runtimes: []}\n"));

        assertThat(config.policy().allowedCapabilities()).isEmpty();
        assertThat(config.policy().publishAddresses()).isEmpty();
        assertThat(config.policy().loggingDrivers()).isEmpty();
        assertThat(config.policy().allowedSysctls()).isEmpty();
        assertThat(config.policy().allowedRuntimes()).isEmpty();
    }

    @Test
    void aSourceWithOnlyAUrlGetsTheDefaults() throws IOException {
        AgentConfig config = AgentConfigLoader.load(write("agent.yaml", "source:\n  url: https://git.example.com/deploy.git\n"));

        assertThat(config.source()).isEqualTo(new AgentConfig.Source("https://git.example.com/deploy.git", "main", ".",
                Duration.ofSeconds(30), AgentConfig.Auth.NONE, null, Duration.ofSeconds(60)));
    }

    @Test
    void readLimitsAreSizesWithBinaryUnits() throws IOException {
        AgentConfig config = AgentConfigLoader.load(write("agent.yaml",
                "source: {url: /srv/repo, max_file_size: 8m, max_total_size: 1073741824}\n"));

        assertThat(config.source().limits()).isEqualTo(new AgentConfig.ReadLimits(8L << 20, 1L << 30));
        assertThat(AgentConfig.readLimits(java.util.Optional.of(config))).isEqualTo(config.source().limits());
        assertThat(AgentConfig.readLimits(java.util.Optional.empty())).isEqualTo(AgentConfig.ReadLimits.DEFAULTS);
        assertThat(AgentConfig.ReadLimits.DEFAULTS).isEqualTo(new AgentConfig.ReadLimits(4L << 20, 64L << 20));
    }

    @Test
    void forcePushAndInsecureTransportAreOffUnlessAllowed() throws IOException {
        AgentConfig config = AgentConfigLoader.load(write("agent.yaml", "source:\n  url: git://git.example.com/deploy.git\n"
                + "  allow_force_push: true\n  allow_insecure_transport: true\n"));
        AgentConfig defaults = AgentConfigLoader.load(write("default.yaml", "source:\n  url: git://git.example.com/deploy.git\n"));

        assertThat(config.source().allowForcePush()).isTrue();
        assertThat(config.source().allowInsecureTransport()).isTrue();
        assertThat(defaults.source().allowForcePush()).isFalse();
        assertThat(defaults.source().allowInsecureTransport()).isFalse();
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
            "bad duration       | `source: {url: /srv/repo, poll_interval: often}`                | 1 | /source/poll_interval   | poll_interval: 'often' must be a duration",
            "zero poll          | `source: {url: /srv/repo, poll_interval: 0s}`                   | 1 | /source/poll_interval   | poll_interval must be more than 0s",
            "http url           | `source: {url: 'http://git.example.com/x.git'}`                 | 1 | /source/url             | http://git.example.com/x.git would send credentials in the clear",
            "missing url        | `source: {branch: main}`                                        | 1 | /source                 | missing required key 'url'",
            "token and password | `source: {url: 'https://h/x', auth: {token_file: t, username: u, password_file: p}}` | 1 | /source/auth | auth has both token_file and password_file",
            "password, no user  | `source: {url: 'https://h/x', auth: {password_file: p}}`        | 1 | /source/auth/password_file | password_file needs a username",
            "key for https      | `source: {url: 'https://h/x', auth: {ssh_key: k}}`              | 1 | /source/auth/ssh_key    | ssh_key and known_hosts apply to ssh urls",
            "token for ssh      | `source: {url: 'git@h:x', auth: {token_file: t}}`               | 1 | /source/auth            | source.url is an ssh url but auth gives a token",
            "empty verify       | `source: {url: /srv/repo, verify: {gpg_keys: []}}`              | 1 | /source/verify          | verify needs allowed_signers or gpg_keys",
            "path escapes       | `source: {url: /srv/repo, path: ../elsewhere}`                  | 1 | /source/path            | path ../elsewhere leaves the repository",
            "bad size           | `source: {url: /srv/repo, max_file_size: lots}`                 | 1 | /source/max_file_size   | max_file_size: 'lots' must be a size such as 512k",
            "zero size          | `source: {url: /srv/repo, max_total_size: 0}`                   | 1 | /source/max_total_size  | max_total_size: ",
            "relative bind root | `policy: {bind_roots: [srv]}`                                   | 1 | /policy/bind_roots/0    | bind_roots: 'srv' must be an absolute path",
            "bad tmpfs size     | `policy: {max_tmpfs_size: lots}`                                | 1 | /policy/max_tmpfs_size  | max_tmpfs_size must be a size",
            "bad publish addr   | `policy: {publish_addresses: [localhost]}`                      | 1 | /policy/publish_addresses/0 | publish_addresses: 'localhost' must be an IP address",
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

    @Test
    void notifyTargetsAreReadWithTheirSecretFileResolved() throws IOException {
        AgentConfig config = AgentConfigLoader.load(write("etc/agent.yaml", """
                notify:
                  - {type: webhook, url: "https://hooks.example.com/barge", secret_file: notify-secret}
                  - {type: slack, url: "https://hooks.slack.com/services/T0/B0/x"}
                """));
        assertThat(config.notifications()).containsExactly(
                new AgentConfig.Notify(AgentConfig.Notify.Kind.WEBHOOK, java.net.URI.create("https://hooks.example.com/barge"),
                        dir.resolve("etc/notify-secret")),
                new AgentConfig.Notify(AgentConfig.Notify.Kind.SLACK, java.net.URI.create("https://hooks.slack.com/services/T0/B0/x"),
                        null));
        assertThat(AgentConfigLoader.load(write("empty.yaml", "node: {name: a}\n")).notifications()).isEmpty();
    }

    @Test
    void notifyTargetWithoutHostOrSlackWithSecretFileIsInvalidWithoutQuotingTheUrl() throws IOException {
        Path file = write("agent.yaml", """
                notify:
                  - {type: webhook, url: "https://"}
                  - {type: slack, url: "https://hooks.slack.com/services/T0/B0/topsecret", secret_file: s}
                  - {type: email, url: "https://x"}
                """);
        assertThatThrownBy(() -> AgentConfigLoader.load(file)).isInstanceOfSatisfying(InvalidConfigException.class,
                e -> assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.render()).doesNotContain("topsecret")));
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }
}
