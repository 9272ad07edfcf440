package dev.barge.config.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.model.FileContent;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.Dependency;
import dev.barge.config.model.ServiceSpec.Device;
import dev.barge.config.model.ServiceSpec.FileMount;
import dev.barge.config.model.ServiceSpec.Healthcheck;
import dev.barge.config.model.ServiceSpec.Logging;
import dev.barge.config.model.ServiceSpec.Mount;
import dev.barge.config.model.ServiceSpec.NetworkAttachment;
import dev.barge.config.model.ServiceSpec.PortMapping;
import dev.barge.config.model.ServiceSpec.PullPolicy;
import dev.barge.config.model.ServiceSpec.Ulimit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every service key of barge's subset, in each of its syntaxes, read into the model. */
class ServiceKeysTest {

    private static Arguments row(String name, String yaml, Function<ServiceSpec, Object> read, Object expected) {
        return Arguments.of(name, yaml, read, expected);
    }

    private static PortMapping port(String ip, Integer published, int target, String protocol) {
        return new PortMapping(ip, published, target, protocol);
    }

    private static Mount mount(Mount.Type type, String source, String target, boolean readOnly, Long size) {
        return new Mount(type, source, target, readOnly, size);
    }

    static Stream<Arguments> keys() {
        return Stream.of(
                row("image", "", ServiceSpec::image, "busybox:1.36"),
                row("container_name", "container_name: my-app", ServiceSpec::containerName, "my-app"),
                row("no container_name", "", s -> s.containerName("web"), "web-app-1"),
                row("command string is shell-split", "command: nginx -g 'daemon off;'", ServiceSpec::command,
                        List.of("nginx", "-g", "daemon off;")),
                row("command list", "command: [sh, -c, \"echo hi\", 5]", ServiceSpec::command, List.of("sh", "-c", "echo hi", "5")),
                row("no command", "", ServiceSpec::command, null),
                row("entrypoint string", "entrypoint: /bin/sh -c", ServiceSpec::entrypoint, List.of("/bin/sh", "-c")),
                row("entrypoint list", "entrypoint: [\"/init\"]", ServiceSpec::entrypoint, List.of("/init")),
                row("entrypoint empty list", "entrypoint: []", ServiceSpec::entrypoint, List.of()),
                row("environment list", "environment: [A=1, B=, C=x=y, FROM_VARS, UNSET]", ServiceSpec::environment,
                        Map.of("A", "1", "B", "", "C", "x=y", "FROM_VARS", "v")),
                row("environment map", "environment: {A: 1, B: true, C: '', FROM_VARS: null, UNSET: ~}",
                        ServiceSpec::environment, Map.of("A", "1", "B", "true", "C", "", "FROM_VARS", "v")),
                row("env_file string", "env_file: app.env", ServiceSpec::environment, Map.of("FROM_FILE", "1", "SHARED", "file")),
                row("env_file list, environment wins", "env_file: [app.env, more.env]\nenvironment: [SHARED=env]",
                        ServiceSpec::environment, Map.of("FROM_FILE", "1", "SHARED", "env", "MORE", "2")),
                row("env_file long, optional missing", "env_file:\n  - path: app.env\n  - path: none.env\n    required: false",
                        ServiceSpec::environment, Map.of("FROM_FILE", "1", "SHARED", "file")),
                row("env_file sops", "env_file: ../../secrets/app.sops.env", ServiceSpec::environment, Map.of("API_KEY", "k3y")),
                row("ports container only", "ports: [\"80\"]", ServiceSpec::ports, List.of(port(null, null, 80, "tcp"))),
                row("ports number", "ports: [80]", ServiceSpec::ports, List.of(port(null, null, 80, "tcp"))),
                row("ports host:container", "ports: [\"8080:80\"]", ServiceSpec::ports, List.of(port(null, 8080, 80, "tcp"))),
                row("ports ip:host:container", "ports: [\"127.0.0.1:8080:80\"]", ServiceSpec::ports,
                        List.of(port("127.0.0.1", 8080, 80, "tcp"))),
                row("ports ip::container", "ports: [\"127.0.0.1::80\"]", ServiceSpec::ports,
                        List.of(port("127.0.0.1", null, 80, "tcp"))),
                // immich: "${EXPOSE_PORT-:2283:2283}"; docker reads an empty IP as every address
                row("emptyHostIpPublishesOnEveryAddress", "ports: [\":2283:2283\"]", ServiceSpec::ports,
                        List.of(port(null, 2283, 2283, "tcp"))),
                row("ports ipv6", "ports: [\"[::1]:8080:80\"]", ServiceSpec::ports, List.of(port("::1", 8080, 80, "tcp"))),
                row("ports range", "ports: [\"8000-8002:9000-9002\"]", ServiceSpec::ports, List.of(
                        port(null, 8000, 9000, "tcp"), port(null, 8001, 9001, "tcp"), port(null, 8002, 9002, "tcp"))),
                row("ports container range", "ports: [\"7000-7001\"]", ServiceSpec::ports, List.of(
                        port(null, null, 7000, "tcp"), port(null, null, 7001, "tcp"))),
                row("ports udp", "ports: [\"53:53/udp\"]", ServiceSpec::ports, List.of(port(null, 53, 53, "udp"))),
                row("ports long", "ports:\n  - target: 80\n    published: \"8080\"\n    host_ip: 127.0.0.1\n    protocol: udp\n    mode: host",
                        ServiceSpec::ports, List.of(port("127.0.0.1", 8080, 80, "udp"))),
                row("ports long target only", "ports: [{target: 80}]", ServiceSpec::ports, List.of(port(null, null, 80, "tcp"))),
                row("expose", "expose: [80, \"90/udp\", \"8000-8010\"]", ServiceSpec::expose, List.of("80", "90/udp", "8000-8010")),
                row("volumes short named", "volumes: [\"data:/var/lib/data\"]", ServiceSpec::mounts,
                        List.of(mount(Mount.Type.VOLUME, "data", "/var/lib/data", false, null))),
                row("volumes short named ro", "volumes: [\"data:/d:ro\"]", ServiceSpec::mounts,
                        List.of(mount(Mount.Type.VOLUME, "data", "/d", true, null))),
                row("volumes short bind", "volumes: [\"/srv/x:/x:ro\", \"/srv/y:/y:rw\", \"/srv/z:/z\"]", ServiceSpec::mounts, List.of(
                        mount(Mount.Type.BIND, "/srv/x", "/x", true, null), mount(Mount.Type.BIND, "/srv/y", "/y", false, null),
                        mount(Mount.Type.BIND, "/srv/z", "/z", false, null))),
                row("volumes long bind", "volumes:\n  - type: bind\n    source: /srv/a\n    target: /a\n    read_only: true\n"
                        + "    bind: {create_host_path: true}", ServiceSpec::mounts,
                        List.of(mount(Mount.Type.BIND, "/srv/a", "/a", true, null))),
                row("volumes long volume", "volumes: [{type: volume, source: data, target: /d}]", ServiceSpec::mounts,
                        List.of(mount(Mount.Type.VOLUME, "data", "/d", false, null))),
                row("volumes long tmpfs", "volumes: [{type: tmpfs, target: /t, tmpfs: {size: 64m}}]", ServiceSpec::mounts,
                        List.of(mount(Mount.Type.TMPFS, null, "/t", false, 64L << 20))),
                row("tmpfs string", "tmpfs: /run", ServiceSpec::mounts, List.of(mount(Mount.Type.TMPFS, null, "/run", false, null))),
                row("tmpfs list with size", "tmpfs: [\"/run:size=64m\", \"/tmp:rw,size=1k\"]", ServiceSpec::mounts, List.of(
                        mount(Mount.Type.TMPFS, null, "/run", false, 64L << 20), mount(Mount.Type.TMPFS, null, "/tmp", false, 1024L))),
                row("no networks joins default", "", ServiceSpec::networks,
                        Map.of("default", new NetworkAttachment(List.of(), null))),
                row("networks list", "networks: [front, back]", ServiceSpec::networks, Map.of(
                        "front", new NetworkAttachment(List.of(), null), "back", new NetworkAttachment(List.of(), null))),
                row("networks map", "networks:\n  front: {aliases: [www, site], ipv4_address: 172.30.0.5}\n  back:\n  default:",
                        ServiceSpec::networks, Map.of("front", new NetworkAttachment(List.of("www", "site"), "172.30.0.5"),
                                "back", new NetworkAttachment(List.of(), null), "default", new NetworkAttachment(List.of(), null))),
                row("network_mode host", "network_mode: host", s -> List.of(s.networkMode(), s.networks()), List.of("host", Map.of())),
                row("network_mode none", "network_mode: none", ServiceSpec::networkMode, "none"),
                row("restart no", "restart: no", ServiceSpec::restart, "no"),
                row("restart always", "restart: always", ServiceSpec::restart, "always"),
                row("restart on-failure", "restart: on-failure", ServiceSpec::restart, "on-failure"),
                row("restart on-failure:N", "restart: on-failure:3", ServiceSpec::restart, "on-failure:3"),
                row("restart unless-stopped", "restart: unless-stopped", ServiceSpec::restart, "unless-stopped"),
                row("labels list", "labels: [a=1, b, c=x=y]", ServiceSpec::labels, Map.of("a", "1", "b", "", "c", "x=y")),
                row("labels map", "labels: {com.example.team: ops, n: 5}", ServiceSpec::labels, Map.of("com.example.team", "ops", "n", "5")),
                row("healthcheck string", "healthcheck:\n  test: curl -f localhost\n  interval: 1m30s\n  timeout: 5s\n"
                        + "  retries: 3\n  start_period: 500ms", ServiceSpec::healthcheck,
                        new Healthcheck(List.of("CMD-SHELL", "curl -f localhost"), Duration.ofSeconds(90), Duration.ofSeconds(5), 3,
                                Duration.ofMillis(500), false)),
                row("healthcheck list", "healthcheck: {test: [CMD, wget, -q, localhost], interval: 10}", ServiceSpec::healthcheck,
                        new Healthcheck(List.of("CMD", "wget", "-q", "localhost"), Duration.ofSeconds(10), null, null, null, false)),
                row("healthcheck disable", "healthcheck: {disable: true}", ServiceSpec::healthcheck,
                        new Healthcheck(List.of(), null, null, null, null, true)),
                row("healthcheck NONE", "healthcheck: {test: [NONE]}", ServiceSpec::healthcheck,
                        new Healthcheck(List.of("NONE"), null, null, null, null, true)),
                row("user number", "user: 1000", s -> s.execution().user(), "1000"),
                row("user:group", "user: \"1000:1000\"", s -> s.execution().user(), "1000:1000"),
                row("working_dir", "working_dir: /app", s -> s.execution().workingDir(), "/app"),
                row("hostname", "hostname: web1", s -> s.execution().hostname(), "web1"),
                row("tty, stdin_open, init", "tty: true\nstdin_open: \"true\"\ninit: false",
                        s -> List.of(s.execution().tty(), s.execution().stdinOpen(), s.execution().init()), List.of(true, true, false)),
                row("execution defaults", "", ServiceSpec::execution, ServiceSpec.Execution.DEFAULTS),
                row("stop_signal and stop_grace_period", "stop_signal: SIGINT\nstop_grace_period: 1m30s",
                        s -> List.of(s.execution().stopSignal(), s.execution().stopGracePeriod()), List.of("SIGINT", Duration.ofSeconds(90))),
                row("stop_grace_period number", "stop_grace_period: 10", s -> s.execution().stopGracePeriod(), Duration.ofSeconds(10)),
                row("resources", "mem_limit: 512m\nmem_reservation: 1073741824\ncpus: 0.5\npids_limit: 100\n"
                        + "oom_kill_disable: true\nshm_size: 64M", ServiceSpec::resources,
                        new ServiceSpec.Resources(512L << 20, 1L << 30, 0.5, 100L, true, 64L << 20, Map.of())),
                row("cpus as string", "cpus: \"1.5\"", s -> s.resources().cpus(), 1.5),
                row("resource defaults", "", ServiceSpec::resources, ServiceSpec.Resources.DEFAULTS),
                row("deploy resources", "deploy:\n  resources:\n    limits: {memory: 1g, cpus: '2', pids: 50}\n"
                        + "    reservations: {memory: 256m}", ServiceSpec::resources,
                        new ServiceSpec.Resources(1L << 30, 256L << 20, 2.0, 50L, null, null, Map.of())),
                row("update order start-first", "deploy: {update_config: {order: start-first}}",
                        s -> s.execution().startFirst(), true),
                row("update order stop-first by default", "expose: [\"80\"]", s -> s.execution().startFirst(), false),
                row("deploy agreeing with mem_limit", "mem_limit: 1g\ndeploy: {resources: {limits: {memory: 1024m}}}",
                        s -> s.resources().memLimit(), 1L << 30),
                row("ulimits", "ulimits:\n  nofile: {soft: 1024, hard: 2048}\n  nproc: 512", s -> s.resources().ulimits(),
                        Map.of("nofile", new Ulimit(1024, 2048), "nproc", new Ulimit(512, 512))),
                row("security", "privileged: true\ncap_add: [NET_ADMIN]\ncap_drop: [ALL]\nread_only: true\n"
                        + "security_opt: [\"no-new-privileges:true\"]", ServiceSpec::security,
                        new ServiceSpec.Security(true, List.of("NET_ADMIN"), List.of("ALL"), true, List.of("no-new-privileges:true"),
                                List.of(), Map.of())),
                row("security defaults", "", ServiceSpec::security, ServiceSpec.Security.DEFAULTS),
                row("devices", "devices: [/dev/ttyUSB0, \"/dev/a:/dev/b\", \"/dev/c:/dev/d:r\", \"/dev/e:rw\"]",
                        s -> s.security().devices(), List.of(new Device("/dev/ttyUSB0", "/dev/ttyUSB0", "rwm"),
                                new Device("/dev/a", "/dev/b", "rwm"), new Device("/dev/c", "/dev/d", "r"), new Device("/dev/e", "/dev/e", "rw"))),
                row("sysctls list", "sysctls: [net.core.somaxconn=1024]", s -> s.security().sysctls(), Map.of("net.core.somaxconn", "1024")),
                row("sysctls map", "sysctls: {net.ipv4.tcp_syncookies: 0}", s -> s.security().sysctls(), Map.of("net.ipv4.tcp_syncookies", "0")),
                row("pull_policy default", "", ServiceSpec::pullPolicy, PullPolicy.MISSING),
                row("pull_policy always", "pull_policy: always", ServiceSpec::pullPolicy, PullPolicy.ALWAYS),
                row("pull_policy missing", "pull_policy: missing", ServiceSpec::pullPolicy, PullPolicy.MISSING),
                row("pull_policy never", "pull_policy: never", ServiceSpec::pullPolicy, PullPolicy.NEVER),
                row("pull_policy if_not_present", "pull_policy: if_not_present", ServiceSpec::pullPolicy, PullPolicy.MISSING),
                row("logging", "logging:\n  driver: json-file\n  options: {max-size: 10m, max-file: 3}", ServiceSpec::logging,
                        new Logging("json-file", Map.of("max-size", "10m", "max-file", "3"))),
                row("extra_hosts list", "extra_hosts: [\"db:10.0.0.2\", \"v6=::1\", \"v6b:fe80::1\"]", ServiceSpec::extraHosts,
                        List.of("db:10.0.0.2", "v6:::1", "v6b:fe80::1")),
                row("extra_hosts map", "extra_hosts: {db: 10.0.0.2}", ServiceSpec::extraHosts, List.of("db:10.0.0.2")),
                row("dns string", "dns: 8.8.8.8", ServiceSpec::dns, List.of("8.8.8.8")),
                row("dns list", "dns: [1.1.1.1, 8.8.8.8]", ServiceSpec::dns, List.of("1.1.1.1", "8.8.8.8")),
                row("configs short", "configs: [nginx]", ServiceSpec::configs, List.of(new FileMount("nginx",
                        "stacks/web/nginx.conf", "/nginx", null, null, null, FileContent.plain("server {}\n")))),
                row("configs long", "configs:\n  - source: nginx\n    target: /etc/nginx/nginx.conf\n    mode: 0440\n    uid: 101",
                        ServiceSpec::configs, List.of(new FileMount("nginx", "stacks/web/nginx.conf", "/etc/nginx/nginx.conf",
                                "101", null, 0440, FileContent.plain("server {}\n")))),
                row("secrets short", "secrets: [db_password]", ServiceSpec::secrets, List.of(new FileMount("db_password",
                        "secrets/db.sops.txt", "/run/secrets/db_password", null, null, null,
                        new FileContent("hunter2".getBytes(StandardCharsets.UTF_8), true)))),
                row("secrets long", "secrets: [{source: db_password, target: db, uid: '103', gid: 103, mode: '0400'}]",
                        ServiceSpec::secrets, List.of(new FileMount("db_password", "secrets/db.sops.txt", "/run/secrets/db",
                                "103", "103", 0400, new FileContent("hunter2".getBytes(StandardCharsets.UTF_8), true)))),
                row("x- extension keys are ignored", "x-notes: {anything: [1, 2]}", ServiceSpec::image, "busybox:1.36"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void readsEveryKeyOfTheSubset(String name, String yaml, Function<ServiceSpec, Object> read, Object expected) {
        Fixture.Parsed parsed = Fixture.repo()
                .variable("FROM_VARS", "v")
                .file("stacks/web/app.env", "FROM_FILE=1\nSHARED=file\n")
                .file("stacks/web/more.env", "MORE=2\n")
                .file("secrets/app.sops.env", FakeSecrets.MARK + "API_KEY=k3y\n")
                .service(yaml);

        assertThat(read.apply(parsed.service("app"))).isEqualTo(expected);
    }
}
