package dev.barge.policy;

import static dev.barge.policy.Stacks.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig.Policy;
import dev.barge.config.model.StackSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each key that can give a container the host: refused under the defaults (bind root /srv) with the
 * setting that would allow it, and allowed once that setting does. Regression for issue 8, finding 1:
 * all of these reached the engine with allow_privileged: false.
 */
class PolicyCheckTest {

    private static final Consumer<Policies> DEFAULTS = p -> { };

    static Arguments refused(String title, StackSpec stack, String setting, String fragment, Consumer<Policies> allow) {
        return refused(title, DEFAULTS, stack, setting, fragment, allow);
    }

    /** {@code base} changes the defaults to a policy that refuses (for settings that allow by default). */
    static Arguments refused(String title, Consumer<Policies> base, StackSpec stack, String setting, String fragment,
                             Consumer<Policies> allow) {
        return Arguments.of(title, base, stack, setting, fragment, allow);
    }

    static Stream<Arguments> keys() {
        return Stream.of(
                refused("privileged", service("privileged: true"), "allow_privileged",
                        "service shop/web asks for privileged: true", p -> p.allowPrivileged = true),
                refused("network_mode host", service("network_mode: host"), "allow_host_network",
                        "network_mode: host", p -> p.allowHostNetwork = true),
                refused("devices", service("devices: [/dev/sda]"), "allow_devices", "devices: /dev/sda",
                        p -> p.allowDevices = true),
                refused("cap_add ALL", service("cap_add: [ALL]"), "allowed_capabilities", "cap_add: ALL",
                        p -> p.capabilities = Set.of("ALL")),
                refused("cap_add beyond docker's set", service("cap_add: [SYS_ADMIN, CAP_SYS_PTRACE, dac_read_search, CHOWN]"),
                        "allowed_capabilities", "cap_add: SYS_ADMIN, SYS_PTRACE, DAC_READ_SEARCH,",
                        p -> p.capabilities = Set.of("sys_admin", "CAP_SYS_PTRACE", "DAC_READ_SEARCH", "CHOWN")),
                refused("security_opt unconfined", service("security_opt: [seccomp=unconfined, apparmor:unconfined, label=disable]"),
                        "allowed_security_opts", "security_opt: seccomp=unconfined, apparmor:unconfined, label=disable",
                        p -> p.securityOpts = Set.of("seccomp:unconfined", "apparmor=unconfined", "label:disable")),
                refused("sysctls outside net.*", service("sysctls: {kernel.shm_rmid_forced: 1, net.core.somaxconn: 1024}"),
                        "allowed_sysctls", "sysctls: kernel.shm_rmid_forced,", p -> p.sysctls = List.of("kernel.shm_rmid_forced", "net.*")),
                refused("a net sysctl when only one other is allowed", p -> p.sysctls = List.of("kernel.shm_rmid_forced"), service("sysctls: {net.core.somaxconn: 1024}"),
                        "allowed_sysctls", "sysctls: net.core.somaxconn,", p -> p.sysctls = List.of("*")),
                refused("bind outside the roots", service("volumes: [/etc:/host-etc]"), "bind_roots",
                        "a bind mount of /etc at /host-etc, outside this host's bind roots [/srv]",
                        p -> p.bindRoots = List.of(Path.of("/etc"))),
                refused("driver_opts binding /", service("volumes: [data:/data]", "volumes:\n  data:\n    driver_opts: {type: none, o: bind, device: /}\n"),
                        "bind_roots", "volume shop/data asks for driver_opts that bind /, outside this host's bind roots [/srv]",
                        p -> p.bindRoots = List.of(Path.of("/"))),
                refused("driver_opts o=bind without type", service("", "volumes:\n  data:\n    driver_opts: {o: 'rbind,ro', device: /etc}\n"),
                        "bind_roots", "driver_opts that bind /etc,", p -> p.bindRoots = List.of(Path.of("/etc"))),
                refused("driver_opts bind through ..", service("", "volumes:\n  data:\n    driver_opts: {type: none, o: bind, device: /srv/../etc}\n"),
                        "bind_roots", "not a plain absolute path", null),
                refused("nfs volume", service("", "volumes:\n  data:\n    driver_opts: {type: nfs, o: 'addr=10.0.0.1,rw', device: ':/export'}\n"),
                        "allow_volume_drivers", "driver_opts that mount a filesystem of type nfs from a remote address",
                        p -> p.allowVolumeDrivers = true),
                refused("cifs volume", service("", "volumes:\n  data:\n    driver_opts: {type: cifs, device: //host/share}\n"),
                        "allow_volume_drivers", "of type cifs", p -> p.allowVolumeDrivers = true),
                refused("volume driver plugin", service("", "volumes:\n  data:\n    driver: rexray\n"),
                        "allow_volume_drivers", "volume shop/data asks for driver rexray", p -> p.allowVolumeDrivers = true),
                refused("tmpfs volume without size", service("", "volumes:\n  data:\n    driver_opts: {type: tmpfs, device: tmpfs}\n"),
                        "max_tmpfs_size", "a tmpfs without a size", null),
                refused("network_mode via a network named host", service("networks: [h]", "networks:\n  h: {external: true, name: host}\n"),
                        "allow_host_network", "network shop/h asks for the network named host", p -> p.allowHostNetwork = true),
                refused("external network named host by key", service("networks: [host]", "networks:\n  host: {external: true}\n"),
                        "allow_host_network", "the network named host", p -> p.allowHostNetwork = true),
                refused("macvlan", service("", "networks:\n  lan: {driver: macvlan, driver_opts: {parent: eth0}}\n"),
                        "allow_host_network", "driver macvlan", p -> p.allowHostNetwork = true),
                refused("ipvlan", service("", "networks:\n  lan: {driver: ipvlan}\n"),
                        "allow_host_network", "driver ipvlan", p -> p.allowHostNetwork = true),
                refused("overlay", service("", "networks:\n  o: {driver: overlay}\n"),
                        "allow_network_drivers", "driver overlay", p -> p.allowNetworkDrivers = true),
                refused("bridge options that reach the host", service("", "networks:\n  b:\n    driver_opts: {com.docker.network.bridge.gateway_mode_ipv4: routed}\n"),
                        "allow_network_drivers", "driver_opts com.docker.network.bridge.gateway_mode_ipv4", p -> p.allowNetworkDrivers = true),
                refused("external network", service("networks: [edge]", "networks:\n  edge: {external: true}\n"),
                        "external_networks", "network shop/edge asks for the external network edge,", p -> p.externalNetworks = Set.of("edge")),
                refused("external network with our prefix", service("", "networks:\n  x: {external: true, name: shop_x}\n"),
                        "external_networks", "the external network shop_x", p -> p.externalNetworks = Set.of("shop_x")),
                refused("network named like another stack's", service("", "networks:\n  x: {name: blog_default}\n"),
                        "external_networks", "the network named blog_default (not this stack's own shop_...)",
                        p -> p.externalNetworks = Set.of("blog_default")),
                refused("default bridge by name", service("networks: [b]", "networks:\n  b: {external: true, name: bridge}\n"),
                        "external_networks", "the external network bridge", p -> p.externalNetworks = Set.of("bridge")),
                refused("external volume", service("volumes: [data:/data]", "volumes:\n  data: {external: true}\n"),
                        "external_volumes", "volume shop/data asks for the external volume data,", p -> p.externalVolumes = Set.of("data")),
                refused("another stack's volume by name", service("volumes: [data:/data]", "volumes:\n  data: {name: blog_data}\n"),
                        "external_volumes", "the volume named blog_data (not this stack's own shop_...)", p -> p.externalVolumes = Set.of("blog_data")),
                refused("port on every interface", p -> p.publishAddresses = List.of("127.0.0.1"), service("ports: ['8080:80']"), "publish_addresses",
                        "ports published 8080 on every address", p -> p.publishAddresses = List.of("0.0.0.0", "::")),
                refused("port without address when only IPv4's all is listed", p -> p.publishAddresses = List.of("0.0.0.0"), service("ports: ['8080:80']"), "publish_addresses",
                        "8080 on every address", p -> p.publishAddresses = List.of("0.0.0.0", "0::0")),
                refused("port on a public address", p -> p.publishAddresses = List.of("127.0.0.1", "::1"), service("ports: ['192.0.2.1:8080:80', {target: 81, host_ip: '::1'}]"),
                        "publish_addresses", "8080 on 192.0.2.1, which", p -> p.publishAddresses = List.of("192.0.2.1", "0:0:0:0:0:0:0:1")),
                refused("remote logging driver", service("logging: {driver: syslog, options: {syslog-address: 'tcp://203.0.113.1:514'}}"),
                        "logging_drivers", "logging driver syslog", p -> p.loggingDrivers = Set.of("syslog")),
                refused("GPU runtime", service("runtime: nvidia"), "allowed_runtimes", "runtime nvidia",
                        p -> p.runtimes = Set.of("runc", "nvidia")),
                refused("runtime not listed when others are", p -> p.runtimes = Set.of("runc", "runsc"), service("runtime: kata"),
                        "allowed_runtimes", "runtime kata, which this host's policy does not list", p -> p.runtimes = Set.of("*")),
                refused("tmpfs without size", service("tmpfs: [/run]"), "max_tmpfs_size",
                        "a tmpfs at /run without a size (set size, at most 1g)", null),
                refused("tmpfs over the limit", service("tmpfs: ['/run:size=2g']"), "max_tmpfs_size",
                        "a tmpfs of 2g at /run, more than 1g", p -> p.maxTmpfsSize = 2L << 30),
                refused("long-syntax tmpfs over the limit", service("volumes: [{type: tmpfs, target: /x, tmpfs: {size: 3g}}]"),
                        "max_tmpfs_size", "a tmpfs of 3g at /x", p -> p.maxTmpfsSize = 3L << 30),
                refused("shm_size over the limit", service("shm_size: 4g"), "max_tmpfs_size",
                        "shm_size: 4g, more than 1g of memory", p -> p.maxTmpfsSize = 4L << 30));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void eachKeyIsRefusedNamingTheSettingAndAllowedByIt(String title, Consumer<Policies> base, StackSpec stack, String setting,
                                                       String fragment, Consumer<Policies> allow) {
        Policies refusing = Policies.strict();
        base.accept(refusing);
        List<Violation> found = PolicyCheck.violations(List.of(stack), refusing.build());
        assertThat(found).as(title).hasSize(1);
        assertThat(found.get(0).setting()).isEqualTo(setting);
        assertThat(found.get(0).render()).contains(fragment).endsWith("(policy." + setting + ")");
        if (allow != null) {
            Policies allowing = Policies.strict();
            base.accept(allowing);
            allow.accept(allowing);
            assertThat(PolicyCheck.violations(List.of(stack), allowing.build())).as(title + ", allowed").isEmpty();
        }
    }

    static Stream<Arguments> allowedByDefault() {
        return Stream.of(
                Arguments.of("plain service", service("")),
                Arguments.of("docker's default capabilities, in any spelling", service("cap_add: [NET_BIND_SERVICE, cap_chown, kill]")),
                Arguments.of("cap_drop ALL", service("cap_drop: [ALL]")),
                Arguments.of("no-new-privileges in each spelling", service("security_opt: [no-new-privileges, 'no-new-privileges:true', no-new-privileges=true]")),
                Arguments.of("namespaced net sysctls", service("sysctls: {net.core.somaxconn: 1024, net.ipv4.tcp_syncookies: 0}")),
                Arguments.of("bind under a root", service("volumes: ['/srv/shop/conf:/conf:ro']")),
                Arguments.of("bind at a root", service("volumes: ['/srv:/conf']")),
                Arguments.of("named volume", service("volumes: [data:/data]", "volumes:\n  data: {}\n")),
                Arguments.of("own volume named with the stack prefix", service("", "volumes:\n  data: {name: shop_files}\n")),
                Arguments.of("driver_opts binding under a root", service("", "volumes:\n  data:\n    driver_opts: {type: none, o: bind, device: /srv/data}\n")),
                Arguments.of("tmpfs volume with a size", service("", "volumes:\n  data:\n    driver_opts: {type: tmpfs, device: tmpfs, o: 'size=64m,uid=1000'}\n")),
                Arguments.of("own networks", service("networks: [front]", "networks:\n  front: {}\n  back: {driver: bridge, internal: true, driver_opts: {com.docker.network.driver.mtu: '1400'}}\n")),
                Arguments.of("network_mode none and bridge", service("network_mode: none")),
                Arguments.of("ports on every address by default", service("ports: ['8080:80', '127.0.0.1:8081:81']")),
                Arguments.of("local logging drivers", service("logging: {driver: journald}")),
                Arguments.of("the engine's default runtime asked by name", service("runtime: runc")),
                Arguments.of("tmpfs with a size", service("tmpfs: ['/run:size=64m']")),
                Arguments.of("tmpfs of exactly the limit", service("tmpfs: ['/run:size=1g']")),
                Arguments.of("a repo file is bound from barge's state dir, not a host path", service(
                        "volumes: ['./compose.yaml:/etc/app.yaml:ro']")),
                Arguments.of("an anonymous volume", service("volumes: [/var/lib/data]")),
                Arguments.of("network_mode service: of the same stack", Stacks.compose("""
                        services:
                          web: {image: busybox:1.36}
                          probe: {image: busybox:1.36, network_mode: "service:web"}
                        """)),
                Arguments.of("secrets are barge's own binds, not the repo's", Stacks.compose("""
                        services:
                          web:
                            image: busybox:1.36
                            configs: [{source: c, target: /c}]
                        configs:
                          c: {content: hello}
                        """)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowedByDefault")
    void theDefaultsAllow(String title, StackSpec stack) {
        assertThat(PolicyCheck.violations(List.of(stack), Policies.strict().build())).as(title).isEmpty();
    }

    @Test
    void theDocumentedDefaults() {
        Policy p = Policy.DEFAULTS;
        assertThat(p.allowPrivileged()).isFalse();
        assertThat(p.allowHostNetwork()).isFalse();
        assertThat(p.allowDevices()).isFalse();
        assertThat(p.bindRoots()).isEmpty();
        assertThat(p.allowedCapabilities()).containsExactlyInAnyOrder("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
                "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
        assertThat(p.allowedSecurityOpts()).containsExactly("no-new-privileges");
        assertThat(p.allowedSysctls()).containsExactly("net.*");
        assertThat(p.allowVolumeDrivers()).isFalse();
        assertThat(p.allowNetworkDrivers()).isFalse();
        assertThat(p.externalVolumes()).isEmpty();
        assertThat(p.externalNetworks()).isEmpty();
        assertThat(p.publishAddresses()).as("every address").isNull();
        assertThat(p.loggingDrivers()).containsExactlyInAnyOrder("json-file", "local", "journald", "none");
        assertThat(p.maxTmpfsSize()).isEqualTo(1L << 30);
        assertThat(p.allowedRuntimes()).containsExactlyInAnyOrder("runc", "io.containerd.runc.v2");
    }

    @Test
    void aDisallowedRuntimeIsReportedOnItsComposeLine() {
        String yaml = "services:\n  web:\n    image: busybox:1.36\n    runtime: nvidia\n";
        StackSpec stack = Stacks.compose(yaml);

        List<Violation> violations = PolicyCheck.violations(List.of(stack), Policies.strict().build());

        assertThat(violations).singleElement().satisfies(v -> {
            var problem = PolicyOrigins.locate(Stacks.tree(yaml), stack, List.of(v)).get(0);
            assertThat(problem.render()).startsWith("stacks/shop/compose.yaml:4: service shop/web asks for runtime nvidia,"
                    + " which this host's policy does not list");
            assertThat(problem.render()).contains("allowed_runtimes");
        });
    }

    @Test
    void anEmptyPublishListAllowsNoPublishedPort() {
        Policies none = Policies.strict();
        none.publishAddresses = List.of();
        assertThat(PolicyCheck.violations(List.of(service("ports: ['127.0.0.1:8080:80']")), none.build()))
                .extracting(Violation::setting).containsExactly("publish_addresses");
        assertThat(PolicyCheck.violations(List.of(service("expose: ['80']")), none.build())).isEmpty();
    }

    /** A value a secret reached is never quoted, not even in a refusal. */
    @Test
    void aSecretCapabilityIsNotQuoted() {
        List<Violation> found = PolicyCheck.violations(List.of(service("cap_add: ['${SECRET}']")), Policies.strict().build());
        assertThat(found).singleElement().satisfies(v -> assertThat(v.render()).contains("cap_add: (sensitive)")
                .doesNotContain("SYS_ADMIN"));
    }

    @Test
    void refusesWithExit77ListingEveryViolationOnOneLine() {
        var shop = Stacks.compose("""
                services:
                  web: {image: busybox:1.36, privileged: true}
                  db: {image: busybox:1.36, network_mode: host}
                """);
        var blog = Stacks.compose("blog", "services:\n  app: {image: busybox:1.36, volumes: ['/etc:/etc2']}\n");
        assertThatThrownBy(() -> PolicyCheck.check(List.of(shop, blog), Policies.strict().build()))
                .isInstanceOf(BargeException.class)
                .satisfies(e -> {
                    assertThat(((BargeException) e).failure()).isEqualTo(Failure.REFUSED);
                    assertThat(((BargeException) e).failure().exitCode()).isEqualTo(77);
                    assertThat(e.getMessage()).doesNotContain("\n")
                            .startsWith("service blog/app asks for a bind mount of /etc")
                            .contains("service shop/db asks for network_mode: host")
                            .contains("service shop/web asks for privileged: true")
                            .endsWith("change these services or allow it in the agent config's policy");
                });
    }

    @Test
    void passesWhenAllowed() {
        Policies lax = Policies.strict();
        lax.allowPrivileged = true;
        lax.allowHostNetwork = true;
        lax.allowDevices = true;
        lax.bindRoots = List.of(Path.of("/"));
        PolicyCheck.check(List.of(service("privileged: true\nnetwork_mode: host\ndevices: [/dev/fuse]\n"
                + "volumes: ['/var/run/docker.sock:/sock']")), lax.build());
    }

    @ParameterizedTest
    @CsvSource({
            "/srv, /srv, true",
            "/srv/a/b, /srv, true",
            "/srv/./a, /srv, true",
            "/srv/a/../../etc, /srv, false",
            "/srvx, /srv, false",
            "/, /srv, false",
            "srv/a, /srv, false",
            "/anything, /, true",
    })
    void bindRootsCompareWholePathComponents(String path, String root, boolean inside) {
        assertThat(BindRoots.inside(path, List.of(Path.of(root)))).isEqualTo(inside);
    }
}
