package dev.barge.config.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.Problem;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of mistake in a service, each reported once, at its line, naming key and service. The
 * service body starts on line 4 of the compose file (see {@link Fixture#service}).
 */
class ServiceProblemsTest {

    static Stream<Arguments> problems() {
        return Stream.of(
                Arguments.of("scale: 2", 4, "unknown key 'scale' in service app: barge runs one container"),
                Arguments.of("frobnicate: 1", 4, "unknown key 'frobnicate' in service app: barge supports cap_add, cap_drop,"),
                Arguments.of("healthcheck:\n  test: true\n  interval: abc", 6,
                        "'healthcheck.interval' in service app must be a duration such as 30s, 1m30s or 500ms, not 'abc'"),
                Arguments.of("healthcheck:\n  test: [RUN, x]", 5, "'healthcheck.test[0]' in service app must be NONE, CMD or CMD-SHELL"),
                Arguments.of("healthcheck:\n  retries: -1", 5, "'healthcheck.retries' in service app must be a number of retries"),
                Arguments.of("stop_grace_period: soon", 4, "'stop_grace_period' in service app must be a duration"),
                Arguments.of("mem_limit: 12x", 4,
                        "'mem_limit' in service app must be a size such as 512m, 1g or 1048576 (bytes), not '12x'"),
                Arguments.of("shm_size: -1", 4, "'shm_size' in service app must be a size"),
                Arguments.of("cpus: lots", 4, "'cpus' in service app must be a number, not 'lots'"),
                Arguments.of("pids_limit: many", 4, "'pids_limit' in service app must be a whole number, not 'many'"),
                Arguments.of("privileged: maybe", 4, "'privileged' in service app must be true or false, not 'maybe'"),
                Arguments.of("cap_add: ALL", 4, "'cap_add' in service app must be a list of strings, not 'ALL'"),
                Arguments.of("environment: 5", 4, "'environment' in service app must be a mapping or a list of KEY=VALUE, not '5'"),
                Arguments.of("labels: [\"=x\"]", 4, "'labels[0]' in service app must be KEY=VALUE"),
                Arguments.of("command: {a: b}", 4, "'command' in service app must be a string, not a mapping"),
                Arguments.of("command: \"echo 'unclosed\"", 4, "'command' in service app: a quote is not closed"),
                Arguments.of("ports:\n  - \"80:x\"", 5, "'ports[0]' in service app must be a port such as 80, 8080:80"),
                Arguments.of("ports:\n  - 70000", 5, "'ports[0]' in service app must be a port such as"),
                Arguments.of("ports:\n  - \"8000-8002:80\"", 5, "a host range must be as long as the container range"),
                Arguments.of("ports:\n  - \"80/quic\"", 5, "'ports[0]' in service app must be a port with protocol tcp, udp or sctp"),
                Arguments.of("ports:\n  - \"bad.ip:80:80\"", 5, "with an IP address before the host port"),
                Arguments.of("ports:\n  - published: 80", 5, "'ports[0]' in service app: a port needs target: the container port"),
                Arguments.of("ports:\n  - target: 80\n    published: lots", 6, "'ports[0].published' in service app must be a port number"),
                Arguments.of("ports: \"80\"", 4, "'ports' in service app must be a list of ports"),
                Arguments.of("expose: [abc]", 4, "'expose[0]' in service app must be a port such as 80, 80/udp or 8000-8010"),
                Arguments.of("restart: sometimes", 4,
                        "'restart' in service app must be one of no, always, on-failure, on-failure:N (N up to 999999999),"
                                + " unless-stopped, not 'sometimes'"),
                // regressions from the mutation run: each was accepted, then rendered or applied wrongly
                Arguments.of("restart: on-failure:99999999999999999999", 4, "'restart' in service app must be one of"),
                Arguments.of("ports:\n  - \"300.1.1.1:80:80\"", 5, "with an IP address before the host port"),
                Arguments.of("ports:\n  - {target: 80, host_ip: 300.1.1.1}", 5, "'ports[0].host_ip' in service app must be an IP address"),
                Arguments.of("cpus: \"1e309\"", 4, "'cpus' in service app must be a number, not '1e309'"),
                Arguments.of("extra_hosts: [\"a:b:c:d\"]", 4, "'extra_hosts[0]' in service app must be HOST:IP with an IP address"),
                Arguments.of("dns: [300.1.1.1]", 4, "'dns' in service app must be IP addresses of DNS servers"),
                Arguments.of("privileged: \"yes\"", 4, "'privileged' in service app must be true or false, not 'yes'"),
                Arguments.of("restart: on-failure:x", 4, "'restart' in service app must be one of"),
                Arguments.of("pull_policy: build", 4, "'pull_policy' in service app: barge does not build images"),
                Arguments.of("pull_policy: daily", 4, "'pull_policy' in service app must be one of always, missing, never, if_not_present"),
                Arguments.of("volumes:\n  - ./html:/usr/share/nginx/html", 5, "'volumes[0]' in service app: the bind source"
                        + " './html' (stacks/web/html) is not in the repository (memory): Compose would"
                        + " create an empty directory there, barge binds only what the repo holds"),
                Arguments.of("volumes:\n  - ~/x:/x", 5, "starts with ~, the home directory"),
                Arguments.of("volumes:\n  - ../../../x:/x", 5, "'volumes[0]' in service app: the bind source '../../../x'"
                        + " leaves the repository"),
                Arguments.of("volumes:\n  - ./linked/app.conf:/x", 5, "stacks/web/linked is a symbolic link: barge does not"
                        + " follow symlinks"),
                Arguments.of("volumes:\n  - ./conf:/x", 5, "holds stacks/web/conf/key.sops.pem, which is sops-encrypted:"
                        + " barge never writes a secret to the host's disk; declare it under top-level secrets:"),
                Arguments.of("volumes:\n  - ../../secrets/db.sops.txt:/x", 5, "which is sops-encrypted"),
                Arguments.of("volumes:\n  - other:/x", 5, "'volumes[0]' in service app: volume 'other' is not declared;"
                        + " add it under top-level volumes:"),
                Arguments.of("volumes:\n  - x", 5, "the container path must be an absolute path"),
                Arguments.of("volumes:\n  - data:/x:z", 5, "the mode 'z' applies to a bind mount (a host path), not to a named volume"),
                Arguments.of("volumes:\n  - data:relative", 5, "the container path must be an absolute path"),
                Arguments.of("volumes:\n  - type: bind\n    source: ./x\n    target: /x", 6,
                        "'volumes[0].source' in service app: the bind source './x' (stacks/web/x) is not in the repository"),
                Arguments.of("volumes:\n  - type: npipe\n    source: x\n    target: /x", 5,
                        "'volumes[0].type' in service app must be bind, volume or tmpfs, not 'npipe'"),
                Arguments.of("volumes:\n  - type: bind\n    source: /x\n    target: /x\n    bind: {propagation: sideways}", 8,
                        "'volumes[0].bind.propagation' in service app must be one of private, rprivate, rshared, rslave, shared, slave"),
                Arguments.of("volumes:\n  - {type: tmpfs, target: /t, tmpfs: {size: huge}}", 5,
                        "'volumes[0].tmpfs.size' in service app must be a size"),
                Arguments.of("tmpfs: relative", 4, "'tmpfs' in service app: a tmpfs path must be an absolute path"),
                Arguments.of("tmpfs: /run:mode=rwx", 4, "the tmpfs option 'mode=rwx' has a bad value (mode is octal such as 1777"),
                Arguments.of("tmpfs: /run:size=big", 4, "'tmpfs' in service app must be PATH[:OPTIONS] with size=a size"),
                Arguments.of("env_file: ../../../etc/passwd", 4, "'env_file' in service app: the path '../../../etc/passwd' leaves"
                        + " the repository; name a file inside it, relative to stacks/web"),
                Arguments.of("env_file: /etc/passwd", 4, "leaves the repository"),
                Arguments.of("env_file: missing.env", 4, "'env_file' in service app: the file stacks/web/missing.env is not in the repository"),
                Arguments.of("env_file:\n  - path: missing.env\n    required: true", 5, "the file stacks/web/missing.env is not in"),
                Arguments.of("env_file: bad.env", 2, "a line must be KEY=VALUE"),
                Arguments.of("configs: [nope]", 4, "'configs[0]' in service app: config 'nope' is not declared; add it under top-level configs:"),
                Arguments.of("secrets: [nope]", 4, "'secrets[0]' in service app: secret 'nope' is not declared; add it under top-level secrets:"),
                Arguments.of("secrets:\n  - target: /x", 5, "'secrets[0]' in service app: needs source: the name of a top-level secret"),
                Arguments.of("secrets:\n  - source: db_password\n    mode: rwx", 6, "'secrets[0].mode' in service app must be a file mode such as 0440"),
                Arguments.of("networks: [nowhere]", 4, "'networks[0]' in service app: network 'nowhere' is not declared;"
                        + " add it under top-level networks:"),
                Arguments.of("networks:\n  front: {priority: 1}", 5, "unknown key 'priority' in 'networks.front' in service app"),
                Arguments.of("network_mode: host\nnetworks: [front]", 4, "'network_mode' in service app: network_mode and networks"
                        + " cannot be combined; keep one of them"),
                Arguments.of("network_mode: weird", 4, "'network_mode' in service app must be host, none, bridge, service:NAME or container:NAME"),
                Arguments.of("network_mode: service:ghost", 4, "network_mode names service 'ghost', which is not in this compose file"),
                Arguments.of("depends_on: [ghost]", 4, "'depends_on[0]' in service app: depends on service 'ghost', which is not in this compose file"),
                Arguments.of("depends_on:\n  ghost: {condition: service_healthy}", 5, "depends on service 'ghost'"),
                Arguments.of("ulimits:\n  nofile: {soft: 10, hard: 5}", 5, "'ulimits.nofile' in service app: the soft limit 10 is above the hard limit 5"),
                Arguments.of("ulimits:\n  nofile: {soft: 10}", 5, "a ulimit needs both soft and hard"),
                Arguments.of("devices: [ttyUSB0]", 4, "'devices[0]' in service app must be /dev/HOST[:/dev/CONTAINER[:rwm]]"),
                Arguments.of("devices: [\"/dev/a:/dev/b:rwx\"]", 4, "'devices[0]' in service app must be /dev/HOST"),
                Arguments.of("extra_hosts: [nohost]", 4, "'extra_hosts[0]' in service app must be HOST:IP with an IP address (or host-gateway), not 'nohost'"),
                Arguments.of("logging:\n  driver: json-file\n  format: y", 6, "unknown key 'format' in 'logging' in service app (supported: driver, options)"),
                Arguments.of("deploy:\n  mode: global", 5, "unknown key 'mode' in 'deploy' in service app"),
                Arguments.of("deploy:\n  replicas: -1", 5, "'deploy.replicas' in service app must be a number of containers"),
                Arguments.of("deploy:\n  replicas: 0", 5, "'deploy.replicas' in service app: deploy.replicas 0 (a service that"
                        + " does not run) is not supported; remove the service instead"),
                Arguments.of("ports: [\"8080:80\"]\ndeploy:\n  replicas: 3", 6, "'deploy.replicas' in service app: deploy.replicas 3"
                        + " containers cannot all publish the same host port"),
                Arguments.of("container_name: one\ndeploy:\n  replicas: 2", 6, "deploy.replicas 2 needs a container name each"),
                Arguments.of("deploy:\n  restart_policy: {condition: sometimes}", 5,
                        "'deploy.restart_policy.condition' in service app must be none, on-failure or any"),
                Arguments.of("deploy:\n  restart_policy: {max_attempts: -2}", 5, "must be a number of attempts"),
                Arguments.of("network_mode: container:ghost", 4, "network_mode names container 'ghost', which barge does"
                        + " not run for this compose file: barge joins only containers it created"),
                Arguments.of("network_mode: service:app", 4, "a service cannot share its own network namespace"),
                Arguments.of("links: [ghost]", 4, "'links[0]' in service app: links to service 'ghost', which is not in"
                        + " this compose file"),
                Arguments.of("links: [app]", 4, "a service cannot link to itself"),
                Arguments.of("links: [\"app:bad alias\"]", 4, "'links[0]' in service app must be SERVICE or SERVICE:ALIAS"),
                Arguments.of("platform: Linux AMD64", 4, "'platform' in service app must be a platform such as linux/amd64"),
                Arguments.of("runtime: \"a b\"", 4, "'runtime' in service app must be the name of a runtime"),
                Arguments.of("healthcheck: {test: [CMD, x], start_interval: soon}", 4,
                        "'healthcheck.start_interval' in service app must be a duration"),
                Arguments.of("ports: [\"8080:80\"]\ndeploy:\n  update_config:\n    order: start-first", 7,
                        "'deploy.update_config.order' in service app: start-first needs the old and the new container"
                                + " to run at once, but host port 8080 can be held by only one"),
                Arguments.of("deploy: {update_config: {order: first}}", 4,
                        "'deploy.update_config.order' in service app must be start-first or stop-first, not 'first'"),
                Arguments.of("deploy: {resources: {reservations: {cpus: '1'}}}", 4,
                        "unknown key 'cpus' in 'deploy.resources.reservations' in service app (supported: memory)"),
                Arguments.of("mem_limit: 1g\ndeploy:\n  resources:\n    limits:\n      memory: 2g", 8,
                        "'deploy.resources.limits.memory' in service app: conflicts with mem_limit; set only one of them"),
                Arguments.of("container_name: \"bad name\"", 4, "'container_name' in service app must be a container name"),
                Arguments.of("hostname: ${NAME:?set NAME in env}", 4, "required variable NAME is missing a value: set NAME in env"),
                Arguments.of("user: ${USER", 4, "unterminated '${' in '${USER'"),
                Arguments.of("working_dir: ${1}", 4, "invalid interpolation '${1}'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void reportsTheMistakeAtItsLine(String yaml, int line, String message) {
        Fixture.Parsed parsed = Fixture.repo()
                .file("stacks/web/broken.sops.env", FakeSecrets.BROKEN + "X=1")
                .file("stacks/web/bad.env", "OK=1\nnot a line\n")
                .file("stacks/web/conf/app.conf", "x\n")
                .file("stacks/web/conf/key.sops.pem", FakeSecrets.MARK + "k")
                .link("stacks/web/linked")
                .service(yaml);

        assertThat(parsed.project()).isNull();
        assertThat(parsed.problems()).as("one problem").hasSize(1);
        Problem problem = parsed.problems().get(0);
        assertThat(problem.message()).contains(message);
        assertThat(problem.line()).isEqualTo(line);
        assertThat(problem.file()).isEqualTo(yaml.startsWith("env_file: bad") ? "stacks/web/bad.env" : Fixture.FILE);
        assertThat(problem.pointer()).startsWith(yaml.startsWith("env_file: bad") ? "" : "/services/app");
    }
}
