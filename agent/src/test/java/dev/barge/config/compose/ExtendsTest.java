package dev.barge.config.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.barge.config.Problem;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.Mount;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code extends}, against the Compose specification's "Merging service definitions" (and docker compose v2
 * where it is silent): each row is a base, the extending service's keys, and what the merged service holds.
 */
class ExtendsTest {

    static Stream<Arguments> merges() {
        return Stream.of(
                row("scalars: the local value wins", "user: root\n", "user: nobody\n",
                        s -> s.image() + " " + s.execution().user(), "busybox:1.36 nobody"),
                row("environment merges as a mapping, local keys win", "environment: {TZ: utc, PORT: '80'}\n",
                        "environment: {PORT: '8080'}\n", ServiceSpec::environment, Map.of("TZ", "utc", "PORT", "8080")),
                row("environment in list syntax merges the same way", "environment: [TZ=utc, PORT=80]\n",
                        "environment: [PORT=8080]\n", ServiceSpec::environment, Map.of("TZ", "utc", "PORT", "8080")),
                row("labels in both syntaxes merge", "labels: [a=1, b=2]\n", "labels: {b: '3'}\n",
                        ServiceSpec::labels, Map.of("a", "1", "b", "3")),
                row("an empty key sets nothing: the base's value stays", "environment: {TZ: utc}\n", "environment:\n",
                        ServiceSpec::environment, Map.of("TZ", "utc")),
                row("command is replaced, not appended", "command: [echo, foo]\n", "command: [echo, bar]\n",
                        ServiceSpec::command, List.of("echo", "bar")),
                row("healthcheck merges, its test is replaced", "healthcheck: {test: [CMD, a], interval: 7s}\n",
                        "healthcheck: {test: [CMD, b]}\n",
                        s -> s.healthcheck().test() + " " + s.healthcheck().interval().toSeconds(), "[CMD, b] 7"),
                row("ports append, the base's first", "ports: ['127.0.0.1:19001:80']\n", "ports: ['127.0.0.1:19002:81']\n",
                        s -> s.ports().stream().map(p -> p.published() + ":" + p.target()).toList(),
                        List.of("19001:80", "19002:81")),
                row("a port written twice is kept once", "ports: ['127.0.0.1:19001:80']\n", "ports: ['127.0.0.1:19001:80']\n",
                        s -> s.ports().size(), 1),
                row("volumes are keyed by target: the local one replaces", "volumes: ['common:/var/lib/backup/data:rw']\n",
                        "volumes: ['cli:/var/lib/backup/data:ro']\n",
                        s -> s.mounts().stream().map(m -> m.source() + ":" + m.target() + ":" + m.readOnly()).toList(),
                        List.of("cli:/var/lib/backup/data:true")),
                row("volumes with other targets append", "volumes: ['common:/a']\n", "volumes: ['cli:/b']\n",
                        s -> s.mounts().stream().map(Mount::target).toList(), List.of("/a", "/b")),
                row("security_opt appends without duplicates", "security_opt: [no-new-privileges:true, label=role:ROLE]\n",
                        "security_opt: [label=role:ROLE, label=user:USER]\n", s -> s.security().securityOpt(),
                        List.of("no-new-privileges:true", "label=role:ROLE", "label=user:USER")),
                row("cap_add appends without duplicates", "cap_add: [NET_ADMIN]\n", "cap_add: [NET_ADMIN, SYS_TIME]\n",
                        s -> s.security().capAdd(), List.of("NET_ADMIN", "SYS_TIME")),
                row("dns as a string and a list append", "dns: 1.1.1.1\n", "dns: [8.8.8.8]\n", ServiceSpec::dns,
                        List.of("1.1.1.1", "8.8.8.8")),
                row("depends_on in both syntaxes merges", "depends_on: [db]\n",
                        "depends_on: {cache: {condition: service_healthy}}\n", s -> s.dependsOn().keySet(),
                        java.util.Set.of("db", "cache")),
                row("networks in list and mapping syntax merge", "networks: [front]\n", "networks: {back: {aliases: [b]}}\n",
                        s -> s.networks().keySet(), java.util.Set.of("front", "back")),
                row("deploy mappings merge deeply", "deploy: {resources: {limits: {memory: 64m}}, restart_policy: {condition: on-failure}}\n",
                        "deploy: {resources: {limits: {cpus: '0.5'}}}\n",
                        s -> s.resources().memLimit() + " " + s.resources().cpus() + " " + s.restart(),
                        (64L << 20) + " 0.5 on-failure"),
                row("ulimits entries are replaced whole", "ulimits: {nofile: {soft: 10, hard: 20}}\n",
                        "ulimits: {nofile: 30}\n", s -> s.resources().ulimits().get("nofile").soft() + "/"
                                + s.resources().ulimits().get("nofile").hard(), "30/30"),
                row("another logging driver drops the base's options",
                        "logging: {driver: json-file, options: {max-size: 1m}}\n", "logging: {driver: local}\n",
                        s -> s.logging().driver() + " " + s.logging().options(), "local {}"),
                row("the same logging driver merges its options",
                        "logging: {driver: json-file, options: {max-size: 1m}}\n",
                        "logging: {driver: json-file, options: {max-file: '3'}}\n",
                        s -> s.logging().options(), Map.of("max-size", "1m", "max-file", "3")));
    }

    private static Arguments row(String name, String base, String local, Function<ServiceSpec, Object> read, Object expected) {
        return Arguments.of(name, base, local, read, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("merges")
    void extendsMergesAsComposeDoes(String name, String base, String local, Function<ServiceSpec, Object> read,
                                    Object expected) {
        String yaml = "services:\n  base:\n    image: busybox:1.36\n" + base.indent(4)
                + "  web:\n    extends: base\n" + local.indent(4)
                + "  db: {image: busybox:1.36}\n  cache: {image: busybox:1.36}\n"
                + "networks: {front: {}, back: {}}\nvolumes: {common: {}, cli: {}}\n";
        Fixture.Parsed parsed = new Fixture().parse(yaml);
        assertThat(read.apply(parsed.service("web"))).isEqualTo(expected);
    }

    @Test
    void aChainOfExtendsIsResolvedFromTheBottom() {
        ServiceSpec cli = new Fixture().parse("""
                services:
                  base:
                    image: busybox:1.36
                    user: root
                  common:
                    image: busybox:1.36
                    extends:
                      service: base
                  cli:
                    extends:
                      service: common
                """).service("cli");
        assertThat(cli.image()).isEqualTo("busybox:1.36");
        assertThat(cli.execution().user()).isEqualTo("root");
    }

    @Test
    void aBaseInAnotherFileKeepsItsRelativePathsRelativeToItself() {
        Fixture fixture = new Fixture()
                .file("stacks/common/base.yaml", """
                        services:
                          app:
                            image: busybox:1.36
                            env_file: ./app.env
                            volumes:
                              - ./conf/site.conf:/etc/site.conf:ro
                        """)
                .file("stacks/common/app.env", "FROM_BASE=1\n")
                .file("stacks/common/conf/site.conf", "listen 80;\n")
                .file("stacks/web/local.conf", "local\n");
        ServiceSpec web = fixture.parse("""
                services:
                  web:
                    extends:
                      file: ../common/base.yaml
                      service: app
                    volumes:
                      - ./local.conf:/etc/local.conf:ro
                """).service("web");
        assertThat(web.environment()).containsEntry("FROM_BASE", "1");
        assertThat(web.mounts()).extracting(m -> m.repo().repoPath())
                .containsExactly("stacks/common/conf/site.conf", "stacks/web/local.conf");
        // shown from this compose file, so that a render reads back to the same files
        assertThat(web.mounts()).extracting(Mount::source).containsExactly("../common/conf/site.conf", "./local.conf");
    }

    @Test
    void aProblemInABaseFromAnotherFileNamesThatFileAndLine() {
        Fixture fixture = new Fixture().file("stacks/common/base.yaml", """
                services:
                  app:
                    image: busybox:1.36
                    privileged: maybe
                """);
        List<Problem> problems = fixture.parse("""
                services:
                  web:
                    extends: {file: ../common/base.yaml, service: app}
                """).problems();
        assertThat(problems).extracting(Problem::file, Problem::line)
                .containsExactly(tuple("stacks/common/base.yaml", 4));
        assertThat(problems.get(0).message()).contains("privileged");
    }

    @Test
    void anUnsetVariableInABaseImageIsRefusedAtTheBaseFilesLine() {
        Fixture fixture = new Fixture().file("stacks/common/base.yaml", """
                services:
                  app:
                    image: busybox:${TAG}
                """);
        List<Problem> problems = fixture.parse("services:\n  web:\n    extends: {file: ../common/base.yaml, service: app}\n")
                .problems();
        assertThat(problems).extracting(Problem::file, Problem::line).containsExactly(tuple("stacks/common/base.yaml", 3));
        assertThat(problems.get(0).message()).startsWith("variable TAG is not set, and the image would take an empty string");
    }

    @Test
    void aSecretReachingTheBaseKeepsTheMergedValueSensitive() {
        ServiceSpec web = new Fixture().secret("PASSWORD", "s3cret").parse("""
                services:
                  base:
                    image: busybox:1.36
                    environment: ["DB_PASSWORD=${PASSWORD}"]
                  web:
                    extends: base
                    environment: {PORT: '80'}
                """).service("web");
        assertThat(web.isSensitive("environment.DB_PASSWORD")).isTrue();
        assertThat(web.isSensitive("environment.PORT")).isFalse();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("services:\n  a:\n    extends: b\n  b:\n    extends: a\n", "stacks/web/compose.yaml", 5,
                        "extends cycle: a (stacks/web/compose.yaml) -> b (stacks/web/compose.yaml) -> a (stacks/web/compose.yaml);"
                                + " one of them must not extend"),
                Arguments.of("services:\n  a:\n    image: x\n    extends: a\n", "stacks/web/compose.yaml", 4,
                        "extends cycle: a (stacks/web/compose.yaml) -> a (stacks/web/compose.yaml); one of them must not extend"),
                Arguments.of("services:\n  web:\n    extends: nowhere\n", "stacks/web/compose.yaml", 3,
                        "extends names service nowhere, which stacks/web/compose.yaml does not define:"
                                + " name a service of stacks/web/compose.yaml"),
                Arguments.of("services:\n  web:\n    extends: {file: gone.yaml, service: app}\n", "stacks/web/compose.yaml", 3,
                        "the compose file stacks/web/gone.yaml is not in the repository (memory)"),
                Arguments.of("services:\n  web:\n    extends: {file: ../../../x.yaml, service: app}\n",
                        "stacks/web/compose.yaml", 3, "the extends file ../../../x.yaml leaves the repository;"
                                + " name a file inside the repository, relative to stacks/web"),
                Arguments.of("services:\n  web:\n    extends: {service: b, from: x}\n  b: {image: x}\n",
                        "stacks/web/compose.yaml", 3, "unknown key 'from' in extends: it takes service and file"),
                Arguments.of("services:\n  web:\n    extends: [b]\n  b: {image: x}\n", "stacks/web/compose.yaml", 3,
                        "extends takes a service name (extends: base) or a mapping with service: and optionally file:"
                                + " (a compose file in the repo)"));
    }

    @Test
    void manyServicesExtendingALargeBaseStayBounded() {
        StringBuilder yaml = new StringBuilder("services:\n  base:\n    image: busybox:1.36\n    environment:\n");
        for (int i = 0; i < 3_000; i++) {
            yaml.append("      V").append(i).append(": x\n");
        }
        for (int i = 0; i < 60; i++) {
            yaml.append("  s").append(i).append(": {extends: base}\n");
        }
        List<Problem> problems = new Fixture().parse(yaml.toString()).problems();
        assertThat(problems).extracting(Problem::message).contains("include and extends expand this compose model to more"
                + " than 100000 values, the limit: share less through extends, or split the stack");
    }

    @Test
    void aBaseNamedByASecretIsRefusedWithoutShowingIt() {
        List<Problem> problems = new Fixture().secret("BASE", "hidden-name")
                .parse("services:\n  web:\n    extends: ${BASE}\n  hidden-name: {image: x}\n").problems();
        assertThat(problems).extracting(Problem::line, Problem::message).contains(tuple(3,
                "extends must not take a service or file name from a secret variable; name them directly"));
        assertThat(problems).extracting(Problem::message).noneMatch(m -> m.contains("hidden-name"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("refusals")
    void extendsRefusesWhatComposeRefuses(String yaml, String file, int line, String message) {
        List<Problem> problems = new Fixture().parse(yaml).problems();
        assertThat(problems).extracting(Problem::file, Problem::line, Problem::message).contains(tuple(file, line, message));
    }
}
