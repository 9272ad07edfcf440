package dev.barge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.Deployment;
import dev.barge.config.model.DesiredState;
import dev.barge.config.model.StackSpec;
import dev.barge.source.DirectoryTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
    private static final String WEB = "services:\n  web:\n    image: busybox:1.36\n";

    @TempDir
    Path dir;

    @Test
    void brokenRepoReportsEveryMistakeWithFileAndLine() {
        DirectoryTree broken = new DirectoryTree(Repos.resource("repos/broken"));

        assertThatThrownBy(() -> ConfigLoader.load(broken, SecretReader.NONE))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
                    assertThat(e.problems()).extracting(Problem::file, Problem::line, Problem::pointer).containsExactly(
                            tuple("barge.yaml", 1, "/version"),
                            tuple("deployments/alpha.yaml", 3, "/matches"),
                            tuple("deployments/alpha.yaml", 6, "/stacks/0/name"),
                            tuple("deployments/alpha.yaml", 8, "/stacks/0/drift"),
                            tuple("deployments/alpha.yaml", 15, "/stacks/1"),
                            tuple("deployments/alpha.yaml", 16, "/stacks/1/compose"),
                            tuple("deployments/gamma.json", 3, "/deployment"),
                            tuple("deployments/gamma.json", 7, "/stacks/0/compose"),
                            tuple("deployments/gamma.json", 8, "/stacks/0/health_timeout"),
                            tuple("deployments/gamma.json", 9, "/stacks/0/env_files/0"));
                    assertThat(e.problems()).extracting(Problem::message).satisfiesExactly(
                            m -> assertThat(m).contains("must be 1"),
                            m -> assertThat(m).isEqualTo("unknown key 'matches'"),
                            m -> assertThat(m).contains("lowercase"),
                            m -> assertThat(m).contains("correct or detect"),
                            m -> assertThat(m).contains("stack web is already declared in deployment beta at deployments/alpha.yaml:13"),
                            m -> assertThat(m).contains("compose file stacks/missing/compose.yaml does not exist"),
                            m -> assertThat(m).contains("deployment alpha is already declared at deployments/alpha.yaml:2"),
                            m -> assertThat(m).contains("leaves the repository"),
                            m -> assertThat(m).contains("must be a duration"),
                            m -> assertThat(m).contains("env file secrets/none.env does not exist"));
                    assertThat(e.getMessage()).startsWith("invalid config: 10 problems, first: barge.yaml:1: ");
                });
    }

    static Stream<Arguments> oneMistake() {
        return Stream.of(
                Arguments.of("unknown key in a stack", Map.of("deployments/a.yaml", """
                        deployment: a
                        stacks:
                          - name: web
                            compose: stacks/web/compose.yaml
                            enviroment: {A: 1}
                        """, "stacks/web/compose.yaml", WEB),
                        "deployments/a.yaml:5 /stacks/0/enviroment unknown key 'enviroment'"),
                Arguments.of("missing stacks", Map.of("deployments/a.yml", "deployment: a\nmatch: {client: earth}\n"),
                        "deployments/a.yml:1  missing required key 'stacks'"),
                Arguments.of("empty match list", Map.of("deployments/a.yaml", """
                        deployment: a
                        match:
                          environment: []
                        stacks: []
                        """), "deployments/a.yaml:3 /match/environment environment: must have at least 1 items"),
                Arguments.of("env_files escaping the repo", Map.of("deployments/a.yaml", """
                        deployment: a
                        stacks:
                          - name: web
                            compose: stacks/web/compose.yaml
                            env_files: [/etc/passwd]
                        """, "stacks/web/compose.yaml", WEB),
                        "deployments/a.yaml:5 /stacks/0/env_files/0 env file /etc/passwd leaves the repository"),
                Arguments.of("compose file with two documents", Map.of("deployments/a.yaml", """
                        deployment: a
                        stacks: [{name: web, compose: stacks/web/compose.yaml}]
                        """, "stacks/web/compose.yaml", WEB + "---\n" + WEB),
                        "deployments/a.yaml:2 /stacks/0/compose compose file stacks/web/compose.yaml must hold one YAML document"),
                Arguments.of("duplicate names across files", Map.of(
                        "deployments/a.yaml", "deployment: same\nstacks: []\n",
                        "deployments/b.json", "{\n  \"deployment\": \"same\",\n  \"stacks\": []\n}\n"),
                        "deployments/b.json:2 /deployment deployment same is already declared at deployments/a.yaml:1"),
                Arguments.of("JSON syntax error", Map.of("deployments/a.json", "{\n \"deployment\": \"a\",,\n}\n"),
                        "deployments/a.json:2  not valid JSON"),
                Arguments.of("registry password variable not set", Map.of("barge.yaml", """
                        version: 1
                        registries:
                          - address: 127.0.0.1:5000
                            username: ci
                            password: ${REGISTRY_PASSWORD}
                        """), "barge.yaml:5 /registries/0/password ${REGISTRY_PASSWORD} is not set"),
                Arguments.of("bad key in a dotenv file", Map.of("deployments/a.yaml", """
                        deployment: a
                        stacks: [{name: web, compose: stacks/web/compose.yaml, env_files: [stacks/web/web.env]}]
                        """, "stacks/web/compose.yaml", WEB, "stacks/web/web.env", "A=1\n\n1B=2\n"),
                        "stacks/web/web.env:3  a line must be KEY=VALUE"),
                Arguments.of("Hikari config.json with a syntax error", Map.of("config.json",
                        "{\"version\": \"1\",\n \"deploy_configs\": {\"mars\": }}\n"),
                        "config.json:2  not valid JSON"),
                Arguments.of("Hikari entry with an unknown key", Map.of("config.json", """
                        {"version": "1", "deploy_configs": {"mars": {
                          "client": "earth",
                          "deploy_stacks": [],
                          "nodes": ["vm-1"]
                        }}}
                        """), "config.json:4 /deploy_configs/mars/nodes unknown key 'nodes'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void oneMistake(String name, Map<String, String> files, String expected) {
        DirectoryTree tree = Repos.write(dir, files);

        assertThatThrownBy(() -> ConfigLoader.load(tree, SecretReader.NONE))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    Problem p = e.problems().get(0);
                    assertThat(p.file() + ":" + p.line() + " " + p.pointer() + " " + p.message()).startsWith(expected);
                });
    }

    @Test
    void readsBothFormsOfMatchDefaultsAndMultiDocumentFiles() {
        DesiredState state = ConfigLoader.load(Repos.write(dir, Map.of(
                "deployments/web.yaml", """
                        deployment: one
                        match:
                          client: earth
                          environment: [staging, qa]
                          tier: 2
                        nodes: [vm-1, vm-2]
                        stacks:
                          - name: web
                            compose: ./stacks/../stacks/web/compose.yaml
                          - name: web-slow
                            compose: stacks/web/compose.yaml
                            drift: detect
                            health_timeout: 1m30s
                        ---
                        deployment: two
                        stacks:
                          - name: inline
                            compose:
                              services:
                                app: {image: busybox:1.36}
                            health_timeout: 45
                            health_settle: 500ms
                        """,
                "stacks/web/compose.yaml", WEB,
                "deployments/notes.txt", "ignored")), SecretReader.NONE);

        assertThat(state.deployments()).extracting(Deployment::name, d -> d.origin().toString())
                .containsExactly(tuple("one", "deployments/web.yaml:1"), tuple("two", "deployments/web.yaml:15"));
        Deployment one = state.deployments().get(0);
        assertThat(one.match()).isEqualTo(Map.of("client", List.of("earth"), "environment", List.of("staging", "qa"),
                "tier", List.of("2")));
        assertThat(one.nodes()).containsExactly("vm-1", "vm-2");
        assertThat(one.stacks()).extracting(StackSpec::name, StackSpec::composeFile, StackSpec::drift, StackSpec::healthTimeout,
                        s -> s.origin().line())
                .containsExactly(
                        tuple("web", "stacks/web/compose.yaml", StackSpec.Drift.CORRECT, StackSpec.DEFAULT_HEALTH_TIMEOUT, 8),
                        tuple("web-slow", "stacks/web/compose.yaml", StackSpec.Drift.DETECT, Duration.ofSeconds(90), 10));
        StackSpec inline = state.deployments().get(1).stacks().get(0);
        assertThat(inline.composeFile()).isNull();
        assertThat(inline.healthTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(inline.healthSettle()).isEqualTo(Duration.ofMillis(500));
        assertThat(one.stacks().get(0).healthSettle()).isNull();
        assertThat(inline.project().services()).containsOnlyKeys("app");
        assertThat(state.settings()).isEqualTo(dev.barge.config.model.BargeSettings.DEFAULTS);
    }

    /** Needs the compose parser's interpolation: defaults.env, then env_files in order, then env, later wins. */
    @Test
    void stackVariablesLayerDefaultsEnvFilesAndEnv() {
        DesiredState state = ConfigLoader.load(Repos.write(dir, Map.of(
                "barge.yaml", "version: 1\ndefaults:\n  env: {A: default, B: default, C: default, D: default}\n",
                "deployments/a.yaml", """
                        deployment: a
                        stacks:
                          - name: app
                            compose: stacks/app/compose.yaml
                            env_files: [stacks/app/one.env, stacks/app/two.yaml]
                            env: {D: env}
                        """,
                "stacks/app/one.env", "B=one\nC=one\n",
                "stacks/app/two.yaml", "C: two\n",
                "stacks/app/compose.yaml", "services:\n  app:\n    image: busybox:1.36\n    environment:\n"
                        + "      VALUES: ${A}-${B}-${C}-${D}\n")), SecretReader.NONE);

        assertThat(state.deployments().get(0).stacks().get(0).project().services().get("app").environment())
                .containsEntry("VALUES", "default-one-two-env");
    }

    @Test
    void registryPasswordFromAnEncryptedEnvFileIsSensitive() {
        SecretReader secrets = new FakeSecrets(Map.of("secrets/registry.sops.env", Map.of("REGISTRY_PASSWORD", "s3cret")));
        DesiredState state = ConfigLoader.load(Repos.write(dir, Map.of(
                "barge.yaml", """
                        version: 1
                        registries:
                          - address: 127.0.0.1:5000
                            username: ci
                            password: ${REGISTRY_PASSWORD}$$
                            env_files: [secrets/registry.sops.env]
                          - address: ghcr.io
                            username: bot
                            password: plain
                        """,
                "secrets/registry.sops.env", "REGISTRY_PASSWORD=ENC[...]\nsops_mac=ENC[...]\n")), secrets);

        assertThat(state.settings().registries()).extracting(r -> r.address(), r -> r.username(), r -> r.password(),
                        r -> r.sensitive())
                .containsExactly(tuple("127.0.0.1:5000", "ci", "s3cret$", true), tuple("ghcr.io", "bot", "plain", false));
        assertThat(state.settings().registries().get(0).toString()).doesNotContain("s3cret");
        assertThat(state.deployments()).isEmpty();
    }

    @Test
    void aDirectoryThatIsNoConfigRepoIsRefusedWithAHint() {
        DirectoryTree empty = Repos.write(dir, Map.of("README.md", "hello"));

        assertThatThrownBy(() -> ConfigLoader.load(empty, SecretReader.NONE))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT))
                .hasMessageContaining("no barge.yaml, deployments/*.yaml or Hikari config.json")
                .hasMessageContaining("source.path");
    }

    @Test
    void aRootConfigJsonInAnotherFormatIsNotRead() {
        DesiredState state = ConfigLoader.load(Repos.write(dir, Map.of("barge.yaml", "version: 1\n",
                "config.json", "{\"name\": \"some other tool\"}")), SecretReader.NONE);

        assertThat(state.deployments()).isEmpty();
    }

    /** A SecretReader over fixed plaintexts, standing in for the decrypt stage. */
    record FakeSecrets(Map<String, Map<String, String>> plaintexts) implements SecretReader {
        @Override
        public boolean isEncrypted(String path, byte[] content) {
            return new String(content, StandardCharsets.UTF_8).contains("sops_mac=");
        }

        @Override
        public Map<String, String> variables(String path, byte[] content) {
            return plaintexts.get(path);
        }

        @Override
        public byte[] content(String path, byte[] content) {
            throw new UnsupportedOperationException();
        }
    }
}
