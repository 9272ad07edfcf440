package dev.barge.apply;

import dev.barge.plan.ServiceBuilder;
import static dev.barge.apply.Services.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig.Policy;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyCheckTest {

    private static final Policy STRICT = new Policy(false, false, List.of(Path.of("/srv"), Path.of("/opt/data/")), false);
    private static final Policy LAX = new Policy(true, true, List.of(Path.of("/")), true);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("plain service", service("web"), STRICT, null),
                Arguments.of("privileged", service("web").privileged(), STRICT,
                        "service shop/web asks for privileged: true, which this host's policy forbids (policy.allow_privileged)"),
                Arguments.of("privileged allowed", service("web").privileged(), LAX, null),
                Arguments.of("host network", service("web").networkMode("host"), STRICT,
                        "service shop/web asks for network_mode: host, which this host's policy forbids (policy.allow_host_network)"),
                Arguments.of("bridge network is no host network", service("web").networkMode("bridge"), STRICT, null),
                Arguments.of("host network allowed", service("web").networkMode("host"), LAX, null),
                Arguments.of("device", service("web").device("/dev/sda"), STRICT,
                        "service shop/web asks for devices: /dev/sda, which this host's policy forbids (policy.allow_devices)"),
                Arguments.of("device allowed", service("web").device("/dev/sda"), LAX, null),
                Arguments.of("bind under a root", service("web").bind("/srv/shop/conf", "/conf"), STRICT, null),
                Arguments.of("bind at a root", service("web").bind("/srv", "/conf"), STRICT, null),
                Arguments.of("bind under a root written with a slash", service("web").bind("/opt/data/x", "/x"), STRICT, null),
                Arguments.of("bind outside", service("web").bind("/etc", "/host-etc"), STRICT,
                        "service shop/web asks for a bind mount of /etc at /host-etc, outside this host's bind roots"
                                + " [/srv, /opt/data] (policy.bind_roots)"),
                Arguments.of("bind escaping with ..", service("web").bind("/srv/../etc", "/e"), STRICT,
                        "service shop/web asks for a bind mount of /srv/../etc at /e, outside this host's bind roots"
                                + " [/srv, /opt/data] (policy.bind_roots)"),
                Arguments.of("bind sharing a prefix only", service("web").bind("/srvx/a", "/a"), STRICT,
                        "service shop/web asks for a bind mount of /srvx/a at /a, outside this host's bind roots"
                                + " [/srv, /opt/data] (policy.bind_roots)"),
                Arguments.of("no bind roots", service("web").bind("/srv/a", "/a"), Policy.DEFAULTS,
                        "service shop/web asks for a bind mount of /srv/a at /a, outside this host's bind roots []"
                                + " (policy.bind_roots)"),
                Arguments.of("relative bind", service("web").bind("./conf", "/conf"), LAX,
                        "service shop/web asks for a bind mount of ./conf at /conf, outside this host's bind roots [/]"
                                + " (policy.bind_roots)"),
                Arguments.of("named volume is no bind", service("web").volume("data", "/data"), STRICT, null),
                Arguments.of("secrets are barge's own binds, not the repo's",
                        service("web").secretFile("pw", "/run/secrets/pw", "x"), Policy.DEFAULTS, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void checksEachKey(String title, ServiceBuilder service, Policy policy, String violation) {
        List<String> found = PolicyCheck.violations(List.of(Services.stack("shop", service.build())), policy);
        assertThat(found).containsExactlyElementsOf(violation == null ? List.of() : List.of(violation));
    }

    @Test
    void refusesWithExit77ListingEveryViolationOnOneLine() {
        var shop = Services.stack("shop", service("web").privileged().build(), service("db").networkMode("host").build());
        var blog = Services.stack("blog", service("app").bind("/etc", "/etc2").build());
        assertThatThrownBy(() -> PolicyCheck.check(List.of(shop, blog), STRICT))
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
        PolicyCheck.check(List.of(Services.stack("shop", service("web").privileged().networkMode("host")
                .device("/dev/fuse").bind("/var/run/docker.sock", "/sock").build())), LAX);
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
        assertThat(PolicyCheck.inside(path, List.of(Path.of(root)))).isEqualTo(inside);
    }
}
