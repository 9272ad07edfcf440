package dev.barge.config.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.barge.config.Problem;
import dev.barge.config.model.ComposeProject;
import dev.barge.config.model.FileContent;
import dev.barge.config.model.NetworkSpec;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.Dependency;
import dev.barge.config.model.ServiceSpec.Dependency.Condition;
import dev.barge.config.model.VolumeSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The compose file as a whole: top-level declarations, references between services, defaults, problems. */
class ComposeParserTest {

    @Test
    void aServiceWithoutNetworksJoinsTheStackDefaultNetwork() {
        ComposeProject project = Fixture.repo().parse("""
                name: ignored
                version: "3.9"
                x-common: &common {restart: always}
                services:
                  app:
                    image: busybox:1.36
                    x-extra: 1
                """).project();

        assertThat(project.services()).containsOnlyKeys("app");
        assertThat(project.networks()).containsExactly(Map.entry("default",
                new NetworkSpec("default", "web_default", null, false, false, Map.of(), Map.of())));
        assertThat(project.volumes()).isEmpty();
    }

    @Test
    void noDefaultNetworkWhenNoServiceUsesIt() {
        ComposeProject project = Fixture.repo().parse("""
                services:
                  app: {image: busybox:1.36, network_mode: host}
                  side: {image: busybox:1.36, networks: [back]}
                networks:
                  back:
                """).project();

        assertThat(project.networks()).containsOnlyKeys("back");
    }

    @Test
    void topLevelNetworksAndVolumesGetComposeEngineNames() {
        ComposeProject project = Fixture.repo().parse("""
                services:
                  app:
                    image: busybox:1.36
                    networks: [front, shared, default]
                    volumes: [data:/d, named:/n, outside:/o]
                networks:
                  front:
                    driver: bridge
                    internal: true
                    labels: [team=ops]
                    driver_opts: {com.docker.network.bridge.name: br-front}
                  shared: {external: true, name: proxy}
                  default: {name: custom_default}
                volumes:
                  data:
                    driver: local
                    labels: {backup: daily}
                    driver_opts: {type: none, o: bind, device: /srv/data}
                  named: {name: exact}
                  outside: {external: true}
                """).project();

        assertThat(project.networks()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "front", new NetworkSpec("front", "web_front", "bridge", false, true, Map.of("team", "ops"),
                        Map.of("com.docker.network.bridge.name", "br-front")),
                "shared", new NetworkSpec("shared", "proxy", null, true, false, Map.of(), Map.of()),
                "default", new NetworkSpec("default", "custom_default", null, false, false, Map.of(), Map.of())));
        assertThat(project.volumes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "data", new VolumeSpec("data", "web_data", "local", false, Map.of("backup", "daily"),
                        Map.of("type", "none", "o", "bind", "device", "/srv/data")),
                "named", new VolumeSpec("named", "exact", null, false, Map.of(), Map.of()),
                "outside", new VolumeSpec("outside", "outside", null, true, Map.of(), Map.of())));
    }

    @Test
    void configsAndSecretsComeFromFilesInlineContentOrVariables() {
        ServiceSpec app = Fixture.repo()
                .variable("SITE", "example.org")
                .secret("API_TOKEN", "t0k3n")
                .file("secrets/plain.txt", "not encrypted")
                .file("secrets/broken.sops", FakeSecrets.BROKEN + "x")
                .parse("""
                        services:
                          app:
                            image: busybox:1.36
                            configs: [inline, from_env]
                            secrets: [db_password, plain, token]
                        configs:
                          inline: {content: "server_name ${SITE};"}
                          from_env: {environment: SITE}
                        secrets:
                          db_password: {file: ../../secrets/db.sops.txt}
                          plain: {file: ../../secrets/plain.txt}
                          token: {environment: API_TOKEN}
                          unused_and_broken: {file: broken.sops}
                        """.replace("broken.sops", "../../secrets/broken.sops"))
                .service("app");

        assertThat(app.configs()).extracting(ServiceSpec.FileMount::name, ServiceSpec.FileMount::source,
                ServiceSpec.FileMount::target, ServiceSpec.FileMount::content).containsExactly(
                tuple("inline", null, "/inline", FileContent.plain("server_name example.org;")),
                tuple("from_env", null, "/from_env", FileContent.plain("example.org")));
        assertThat(app.secrets()).extracting(ServiceSpec.FileMount::name, ServiceSpec.FileMount::source,
                ServiceSpec.FileMount::target, ServiceSpec.FileMount::content).containsExactly(
                tuple("db_password", "secrets/db.sops.txt", "/run/secrets/db_password",
                        new FileContent("hunter2".getBytes(StandardCharsets.UTF_8), true)),
                tuple("plain", "secrets/plain.txt", "/run/secrets/plain", FileContent.plain("not encrypted")),
                tuple("token", null, "/run/secrets/token", new FileContent("t0k3n".getBytes(StandardCharsets.UTF_8), true)));
        assertThat(app.sensitive()).containsExactlyInAnyOrder("secrets.db_password", "secrets.token");
    }

    @Test
    void dependsOnReadsListsAndConditions() {
        ComposeProject project = Fixture.repo().parse("""
                services:
                  app:
                    image: busybox:1.36
                    depends_on:
                      db: {condition: service_healthy, restart: true}
                      migrate: {condition: service_completed_successfully, required: false}
                      cache:
                  worker:
                    image: busybox:1.36
                    depends_on: [db]
                    network_mode: service:app
                  db: {image: busybox:1.36}
                  migrate: {image: busybox:1.36}
                  cache: {image: busybox:1.36}
                """).project();

        assertThat(project.services().get("app").dependsOn()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "db", new Dependency(Condition.SERVICE_HEALTHY, true, true),
                "migrate", new Dependency(Condition.SERVICE_COMPLETED_SUCCESSFULLY, false, false),
                "cache", new Dependency(Condition.SERVICE_STARTED, true, false)));
        // network_mode service: implies a dependency that is recreated with it, as in docker compose
        assertThat(project.services().get("worker").dependsOn()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "db", new Dependency(Condition.SERVICE_STARTED, true, false),
                "app", new Dependency(Condition.SERVICE_STARTED, true, true)));
        assertThat(project.services().get("worker").networkMode()).isEqualTo("service:app");
        assertThat(project.services().get("worker").networks()).isEmpty();
    }

    @Test
    void dependencyCyclesAreReportedOnceEach() {
        List<Problem> problems = Fixture.repo().parse("""
                services:
                  a: {image: x, depends_on: [b]}
                  b: {image: x, depends_on: [c]}
                  c: {image: x, depends_on: [a]}
                  self:
                    image: x
                    depends_on: [self]
                """).problems();

        assertThat(problems).extracting(Problem::line, Problem::message).containsExactly(
                tuple(4, "'depends_on' in service c: dependency cycle a -> b -> c -> a; remove one of these depends_on entries"),
                tuple(7, "'depends_on' in service self: dependency cycle self -> self; remove one of these depends_on entries"));
    }

    static Stream<Arguments> documentProblems() {
        return Stream.of(
                Arguments.of("name: x\n", 1, "/services", "'services' in the compose file: a compose spec needs at least one service under services:"),
                Arguments.of("services: {}\n", 1, "/services", "a compose spec needs at least one service"),
                Arguments.of("services: [a]\n", 1, "/services", "'services' in the compose file must be a mapping, not a list"),
                Arguments.of("services:\n  app: {image: x}\nincludes: [other.yaml]\n", 3, "/includes",
                        "unknown key 'includes' in the compose file (supported: configs, include, name, networks, secrets, services, version, volumes)"),
                Arguments.of("services:\n  app:\n", 2, "/services/app", "service app: is empty; a service needs at least image:"),
                Arguments.of("services:\n  app: nginx\n", 2, "/services/app", "service app must be a mapping, not 'nginx'"),
                Arguments.of("services:\n  app:\n    command: x\n", 2, "/services/app",
                        "service app: has no image: barge does not build images; set image: to an image in a registry"),
                Arguments.of("services:\n  app:\n    image:\n", 2, "/services/app", "service app: has no image:"),
                Arguments.of("services:\n  \"-bad\": {image: x}\n", 2, "/services/-bad", "the service name '-bad' must start with a letter or digit"),
                Arguments.of("services:\n  app: {image: x}\nnetworks:\n  n:\n    ipam: {}\n    priority: 1\n", 6, "/networks/n/priority",
                        "unknown key 'priority' in network n (supported: driver, driver_opts, external, internal, ipam, labels, name)"),
                Arguments.of("services:\n  app: {image: x}\nvolumes:\n  v: {external: true, driver: local}\n", 4, "/volumes/v",
                        "volume v: an external object is created outside barge; remove driver and driver_opts"),
                Arguments.of("services:\n  app: {image: x}\nnetworks:\n  n: {external: true, internal: true}\n", 4, "/networks/n",
                        "network n: an external network is created outside barge; remove internal:"),
                Arguments.of("services:\n  app: {image: x}\nvolumes:\n  v: {external: {name: y}, name: z}\n", 4, "/volumes/v/external",
                        "'external' in volume v: names y but name: says z; keep one of them"),
                Arguments.of("services:\n  app: {image: x}\nconfigs:\n  c: {file: gone.conf}\n", 4, "/configs/c/file",
                        "'file' in config c: the file stacks/web/gone.conf is not in the repository (memory)"),
                Arguments.of("services:\n  app: {image: x}\nconfigs:\n  c:\n    file: ../../../x\n", 5, "/configs/c/file",
                        "'file' in config c: the path '../../../x' leaves the repository"),
                Arguments.of("services:\n  app: {image: x}\nconfigs:\n  c: {external: true}\n", 4, "/configs/c/external",
                        "unknown key 'external' in config c (supported: content, environment, file)"),
                Arguments.of("services:\n  app: {image: x}\nsecrets:\n  s: {file: a, environment: B}\n", 4, "/secrets/s",
                        "secret s: needs exactly one of environment, file"),
                Arguments.of("services:\n  app: {image: x}\nsecrets:\n  s: {content: a}\n", 4, "/secrets/s/content",
                        "unknown key 'content' in secret s (supported: environment, file)"),
                Arguments.of("services:\n  app: {image: x}\nsecrets:\n  s: {environment: NOT_SET}\n", 4, "/secrets/s/environment",
                        "'environment' in secret s: the variable NOT_SET is not set; set it in the stack's env or env_files"),
                Arguments.of("services:\n  app:\n    image: ${IMAGE:?set IMAGE}\n", 3, "/services/app/image",
                        "required variable IMAGE is missing a value: set IMAGE"));
    }

    /** Regression: a tampered compose secret was listed as a config problem (exit 65) instead of refused (77). */
    @org.junit.jupiter.api.Test
    void aMacMismatchInAComposeSecretOrEnvFileIsARefusalNotAProblem() {
        var repo = Fixture.repo().file("secrets/broken.sops", FakeSecrets.BROKEN + "x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> repo.parse(
                        "services:\n  app:\n    image: x\n    secrets: [s]\nsecrets:\n  s: {file: ../../secrets/broken.sops}\n"))
                .isInstanceOf(dev.barge.BargeException.class).hasMessageContaining("MAC mismatch")
                .extracting(e -> ((dev.barge.BargeException) e).failure()).isEqualTo(dev.barge.Failure.REFUSED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> repo.parse(
                        "services:\n  app:\n    image: x\n    env_file: ../../secrets/broken.sops\n"))
                .extracting(e -> ((dev.barge.BargeException) e).failure()).isEqualTo(dev.barge.Failure.REFUSED);
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("documentProblems")
    void reportsDocumentProblemsAtTheirLine(String yaml, int line, String pointer, String message) {
        Fixture.Parsed parsed = Fixture.repo().file("secrets/broken.sops", FakeSecrets.BROKEN + "x").parse(yaml);

        assertThat(parsed.project()).isNull();
        assertThat(parsed.problems()).extracting(Problem::line, Problem::pointer).containsExactly(tuple(line, pointer));
        assertThat(parsed.problems().get(0).message()).contains(message);
    }

    @Test
    void aNonMappingComposeSpecIsOneProblem() {
        Fixture.Parsed parsed = Fixture.repo().parse("deployment: x\nstacks:\n  - compose: [a]\n", "/stacks/0/compose");
        assertThat(parsed.problems()).extracting(Problem::line, Problem::message)
                .containsExactly(tuple(3, "a compose spec must be a mapping with services:"));
    }

    @Test
    void inlineComposeReportsAtTheDeploymentFileLines() {
        Fixture.Parsed parsed = Fixture.repo().parse("""
                deployment: mars
                stacks:
                  - name: web
                    compose:
                      services:
                        app:
                          image: busybox:1.36
                          scale: 2
                          ports: ["x"]
                """, "/stacks/0/compose");

        assertThat(parsed.problems()).extracting(Problem::line, Problem::pointer).containsExactly(
                tuple(8, "/stacks/0/compose/services/app/scale"),
                tuple(9, "/stacks/0/compose/services/app/ports/0"));
    }

    @Test
    void keepsGoingAfterAProblemAndReportsAllOfThem() {
        Fixture.Parsed parsed = Fixture.repo().parse("""
                services:
                  app:
                    image: busybox:1.36
                    restart: sometimes
                    mem_limit: lots
                    ports: ["99999"]
                  db:
                    build: .
                    depends_on: [ghost]
                """);

        assertThat(parsed.problems()).extracting(Problem::line).containsExactly(4, 5, 6, 7, 8, 9);
    }

    @Test
    void aDeclarationWithoutValueUsesTheDefaults() {
        ComposeProject project = Fixture.repo().parse("""
                services:
                  app: {image: x, volumes: ["v:/v"], networks: [n]}
                volumes:
                  v:
                networks:
                  n:
                """).project();
        assertThat(project.volumes().get("v").name()).isEqualTo("web_v");
        assertThat(project.networks().get("n").name()).isEqualTo("web_n");
    }
}
