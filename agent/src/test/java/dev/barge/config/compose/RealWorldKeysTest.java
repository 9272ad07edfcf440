package dev.barge.config.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.model.NetworkSpec;
import dev.barge.config.model.RepoContent;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.Dependency;
import dev.barge.config.model.ServiceSpec.Dependency.Condition;
import dev.barge.config.model.ServiceSpec.Mount;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The keys real-world compose files use that barge reads since issue 14, against what Compose does: the
 * Compose specification, and docker compose v2 where it is silent (restart_policy mapping, links as
 * implied depends_on, network_mode service: as a dependency).
 */
class RealWorldKeysTest {

    private static Arguments row(String name, String yaml, Function<ServiceSpec, Object> read, Object expected) {
        return Arguments.of(name, yaml, read, expected);
    }

    private static Fixture repo() {
        return Fixture.repo()
                .file("stacks/web/conf/nginx.conf", "server {}\n")
                .file("stacks/web/html/index.html", "<h1>hi</h1>\n")
                .file("stacks/web/html/img/logo.svg", "<svg/>\n")
                .executable("stacks/web/bin/start.sh", "#!/bin/sh\n");
    }

    /** The service {@code app} beside {@code db} (container_name: the-db) and {@code cache}. */
    private static Fixture.Parsed parse(String body) {
        return repo().parse("services:\n  app:\n    image: busybox:1.36\n" + body.indent(4) + """
                  db:
                    image: busybox:1.36
                    container_name: the-db
                  cache:
                    image: busybox:1.36
                volumes:
                  data: {}
                """);
    }

    private static Mount onlyMount(ServiceSpec s) {
        assertThat(s.mounts()).hasSize(1);
        return s.mounts().get(0);
    }

    private static Object repoBind(ServiceSpec s) {
        Mount m = onlyMount(s);
        RepoContent r = m.repo();
        return List.of(m.type(), m.source(), m.target(), m.readOnly(), r.repoPath(), r.directory(),
                r.files().stream().map(e -> e.path() + ":" + Integer.toOctalString(e.mode()) + ":"
                        + new String(e.content().bytes(), StandardCharsets.UTF_8).strip()).toList());
    }

    static Stream<Arguments> keys() {
        return Stream.of(
                row("relative file bind", "volumes: [\"./conf/nginx.conf:/etc/nginx/nginx.conf:ro\"]", RealWorldKeysTest::repoBind,
                        List.of(Mount.Type.BIND, "./conf/nginx.conf", "/etc/nginx/nginx.conf", true, "stacks/web/conf/nginx.conf",
                                false, List.of(":644:server {}"))),
                row("relative folder bind, recursive", "volumes: [\"./html:/usr/share/nginx/html\"]", RealWorldKeysTest::repoBind,
                        List.of(Mount.Type.BIND, "./html", "/usr/share/nginx/html", false, "stacks/web/html", true,
                                List.of("img/logo.svg:644:<svg/>", "index.html:644:<h1>hi</h1>"))),
                row("executable keeps its mode", "volumes: [\"./bin/start.sh:/start.sh\"]", s -> onlyMount(s).repo().files().get(0).mode(),
                        0755),
                row("long syntax bind of a repo folder", "volumes:\n  - type: bind\n    source: ./html\n    target: /srv\n    read_only: true",
                        s -> onlyMount(s).repo().repoPath(), "stacks/web/html"),
                row("bind of the compose file's folder", "volumes: [\".:/app\"]", s -> onlyMount(s).repo().files().stream()
                        .map(RepoContent.Entry::path).toList(), List.of("bin/start.sh", "conf/nginx.conf",
                        "html/img/logo.svg", "html/index.html", "nginx.conf")),
                row("anonymous volume short", "volumes: [/var/lib/x]", RealWorldKeysTest::onlyMount,
                        new Mount(Mount.Type.VOLUME, null, "/var/lib/x", false, null)),
                row("anonymous volume long", "volumes: [{type: volume, target: /cache}]", s -> onlyMount(s).anonymous(), true),
                row("platform", "platform: linux/arm64/v8", s -> s.engine().platform(), "linux/arm64/v8"),
                row("runtime", "runtime: runc", s -> s.engine().runtime(), "runc"),
                row("links service and alias", "links: [db, \"cache:memo\"]", s -> s.engine().links(), List.of("db:db", "cache:memo")),
                row("links imply depends_on", "links: [db]", ServiceSpec::dependsOn,
                        Map.of("db", new Dependency(Condition.SERVICE_STARTED, true, false))),
                row("explicit depends_on wins over a link", "links: [db]\ndepends_on: {db: {condition: service_healthy}}",
                        ServiceSpec::dependsOn, Map.of("db", new Dependency(Condition.SERVICE_HEALTHY, true, false))),
                row("network_mode service: is a dependency recreated with it", "network_mode: service:cache",
                        s -> List.of(s.networkMode(), s.dependsOn(), s.networks()),
                        List.of("service:cache", Map.of("cache", new Dependency(Condition.SERVICE_STARTED, true, true)), Map.of())),
                row("network_mode container: of a container barge runs", "network_mode: container:the-db",
                        s -> List.of(s.networkMode(), s.dependsOn().keySet()), List.of("container:the-db", java.util.Set.of("db"))),
                row("network_mode container: by its compose name", "network_mode: container:web-cache-1",
                        s -> s.dependsOn().keySet(), java.util.Set.of("cache")),
                row("replicas", "deploy: {replicas: 3}\nports: [\"80\"]", s -> s.engine().replicas(), 3),
                row("restart_policy any is always", "deploy: {restart_policy: {condition: any}}", ServiceSpec::restart, "always"),
                row("restart_policy without condition is any", "deploy: {restart_policy: {delay: 5s, window: 1m}}",
                        ServiceSpec::restart, "always"),
                row("restart_policy none is no", "deploy: {restart_policy: {condition: none}}", ServiceSpec::restart, "no"),
                row("restart_policy on-failure with attempts", "deploy: {restart_policy: {condition: on-failure, max_attempts: 3}}",
                        ServiceSpec::restart, "on-failure:3"),
                row("restart wins over restart_policy", "restart: unless-stopped\ndeploy: {restart_policy: {condition: none}}",
                        ServiceSpec::restart, "unless-stopped"),
                row("healthcheck start_interval", "healthcheck: {test: [CMD, true], start_period: 30s, start_interval: 2s}",
                        s -> s.healthcheck().startInterval(), Duration.ofSeconds(2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void readsTheKeyAsComposeDoes(String name, String yaml, Function<ServiceSpec, Object> read, Object expected) {
        assertThat(read.apply(parse(yaml).service("app"))).isEqualTo(expected);
    }

    @Test
    void aRepoBindHashChangesWithContentAndModeOnly() {
        String yaml = "volumes: [\"./conf/nginx.conf:/etc/nginx/nginx.conf\"]";
        String before = onlyMount(parse(yaml).service("app")).repo().hash();
        String again = onlyMount(parse(yaml).service("app")).repo().hash();
        String changed = onlyMount(repo().file("stacks/web/conf/nginx.conf", "server { listen 81; }\n")
                .parse("services:\n  app:\n    image: x\n    " + yaml + "\n").service("app")).repo().hash();

        assertThat(again).isEqualTo(before);
        assertThat(changed).isNotEqualTo(before).matches("[0-9a-f]{64}");
    }

    @Test
    void networkIpamReadsDriverAndPools() {
        NetworkSpec front = repo().parse("""
                services:
                  app: {image: x, networks: [front]}
                networks:
                  front:
                    ipam:
                      driver: default
                      config:
                        - subnet: 172.28.0.0/16
                          gateway: 172.28.0.1
                          ip_range: 172.28.5.0/24
                """).project().networks().get("front");

        assertThat(front.ipam()).isEqualTo(new NetworkSpec.Ipam("default",
                List.of(new NetworkSpec.Pool("172.28.0.0/16", "172.28.0.1", "172.28.5.0/24"))));
    }

    @Test
    void legacyExternalWithNameIsExternalWithThatName() {
        var project = repo().parse("""
                services:
                  app: {image: x, networks: [proxy], volumes: ["certs:/certs"]}
                networks:
                  proxy: {external: {name: traefik_proxy}}
                volumes:
                  certs: {external: true, name: shared_certs}
                """).project();

        assertThat(project.networks().get("proxy")).extracting(NetworkSpec::name, NetworkSpec::external)
                .containsExactly("traefik_proxy", true);
        assertThat(project.volumes().get("certs").name()).isEqualTo("shared_certs");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWhatComposeWouldNotRunTheSame(String yaml, int line, String message) {
        Fixture.Parsed parsed = repo().parse(yaml);

        assertThat(parsed.messages()).singleElement().asString().contains(message);
        assertThat(parsed.problems().get(0).line()).isEqualTo(line);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("services:\n  app: {image: x}\nnetworks:\n  n:\n    ipam:\n      config:\n        - subnet: 10.0.0.0/33\n",
                        7, "must be a subnet in CIDR form"),
                Arguments.of("services:\n  app: {image: x}\nnetworks:\n  n:\n    ipam:\n      config:\n        - gateway: 10.0.0.1\n",
                        7, "a pool needs subnet:"),
                Arguments.of("services:\n  app: {image: x}\nnetworks:\n  n:\n    external: true\n    ipam: {driver: default}\n",
                        6, "an external network is created outside barge; remove ipam:"),
                Arguments.of("services:\n  app: {image: x}\nnetworks:\n  n:\n    ipam: {options: {a: b}}\n",
                        5, "IPAM driver options are not supported"));
    }
}
