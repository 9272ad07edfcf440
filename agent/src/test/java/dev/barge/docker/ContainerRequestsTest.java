package dev.barge.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.Mount;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContainerRequestsTest {

    private static final Map<String, String> NETWORKS = Map.of("front", "web_front", "back", "shared-back");
    private static final Map<String, String> VOLUMES = Map.of("data", "web_data");
    private static final Map<String, String> OWNERSHIP = OwnershipLabels.forContainer("mars", "web", "app", "h1", "c0ffee");

    private static ContainerRequest map(ServiceSpec spec) {
        return ContainerRequests.of("web", spec, NETWORKS, VOLUMES, OWNERSHIP);
    }

    @Test
    void mapsEveryFieldOfAFullSpec() {
        ContainerRequest r = map(Specs.full("app", null, "/srv/web"));

        assertThat(r.name()).isEqualTo("web-app-1");
        assertThat(r.image()).isEqualTo("busybox:1.36");
        assertThat(r.command()).startsWith("sh", "-c");
        assertThat(r.entrypoint()).isNull();
        assertThat(r.env()).containsExactly("EMPTY=", "GREETING=hello");
        assertThat(r.labels()).containsEntry("team", "ops").containsAllEntriesOf(OWNERSHIP)
                .as("ownership wins over a compose label of the same key").containsEntry("dev.barge.managed", "true");
        assertThat(r.ports()).containsExactly(new ContainerRequest.Port("127.0.0.1", null, 8080, "tcp"),
                new ContainerRequest.Port("127.0.0.1", null, 5353, "udp"));
        assertThat(r.exposedPorts()).containsExactly("9000/tcp", "8080/tcp", "5353/udp");
        assertThat(r.mounts()).containsExactly(new Mount(Mount.Type.BIND, "/srv/web", "/srv/conf", true, null),
                new Mount(Mount.Type.VOLUME, "web_data", "/data", false, null),
                new Mount(Mount.Type.TMPFS, null, "/scratch", false, 16L * 1024 * 1024));
        assertThat(r.networkMode()).isNull();
        assertThat(r.networks()).containsExactly(
                new ContainerRequest.Network("shared-back", List.of("app"), null),
                new ContainerRequest.Network("web_front", List.of("app", "web-front"), null));
        assertThat(r.restart()).isEqualTo(new ContainerRequest.Restart("on-failure", 3));
        assertThat(r.healthcheck().interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(r.execution().hostname()).isEqualTo("web-host");
        assertThat(r.resources().cpus()).isEqualTo(0.5);
        assertThat(r.security().capAdd()).containsExactly("NET_ADMIN");
        assertThat(r.security().capDrop()).containsExactly("MKNOD");
        assertThat(r.logging().driver()).isEqualTo("json-file");
        assertThat(r.extraHosts()).containsExactly("db.internal:10.0.0.5", "cache.internal:10.0.0.6");
        assertThat(r.dns()).containsExactly("1.1.1.1");
        assertThat(r.toString()).doesNotContain("hello");
    }

    @Test
    void extraMountsComeAfterTheServicesOwnAndChangeNothingElse() {
        ContainerRequest r = map(Specs.full("app", null, "/srv/web"));
        Mount secret = new Mount(Mount.Type.BIND, "/var/lib/barge/secrets/web-app-1.0123456789ab/pw", "/run/secrets/pw",
                true, null);

        ContainerRequest withSecret = r.withExtraMounts(List.of(secret));

        assertThat(withSecret.mounts()).hasSize(r.mounts().size() + 1).endsWith(secret)
                .startsWith(r.mounts().toArray(Mount[]::new));
        assertThat(new ContainerRequest(withSecret.name(), withSecret.image(), withSecret.command(),
                withSecret.entrypoint(), withSecret.env(), withSecret.labels(), withSecret.ports(),
                withSecret.exposedPorts(), r.mounts(), withSecret.networkMode(), withSecret.networks(),
                withSecret.restart(), withSecret.healthcheck(), withSecret.execution(), withSecret.resources(),
                withSecret.security(), withSecret.logging(), withSecret.extraHosts(), withSecret.dns())).isEqualTo(r);
        assertThat(r.withExtraMounts(List.of())).isSameAs(r);
    }

    @Test
    void aServiceWithoutNetworksJoinsTheStackDefaultNetwork() {
        ContainerRequest r = map(Specs.minimal("app", "busybox:1.36"));
        assertThat(r.networks()).containsExactly(new ContainerRequest.Network("web_default", List.of("app"), null));
        assertThat(r.restart()).isEqualTo(ContainerRequest.Restart.NO);
        assertThat(r.command()).isNull();
        assertThat(r.healthcheck()).isNull();
    }

    @Test
    void aDisabledHealthcheckBecomesNone() {
        ServiceSpec spec = with(Specs.minimal("app", "busybox:1.36"), s -> new ServiceSpec.Healthcheck(List.of(),
                Duration.ofSeconds(1), null, null, null, true));
        assertThat(map(spec).healthcheck().test()).containsExactly("NONE");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWhatTheEngineCannotDoWithAMessageNamingTheService(String what, ServiceSpec spec, String message) {
        assertThatThrownBy(() -> map(spec))
                .isInstanceOf(BargeException.class)
                .hasMessageContaining("service app of stack web")
                .hasMessageContaining(message)
                .extracting(e -> ((BargeException) e).failure()).isEqualTo(Failure.BAD_INPUT);
    }

    static Stream<Arguments> refusals() {
        ServiceSpec base = Specs.minimal("app", "busybox:1.36");
        return Stream.of(
                Arguments.of("no image", Specs.minimal("app", null), "has no image"),
                Arguments.of("network_mode service:", networkMode(base, "service:db"), "network_mode service:db names no container barge runs for its compose file"),
                Arguments.of("network_mode with networks", networkMode(Specs.full("app", null, "/srv"), "host"),
                        "sets both network_mode host and networks"),
                Arguments.of("undeclared network", copy(base, Map.of("nope", new ServiceSpec.NetworkAttachment(List.of(), null)),
                        base.mounts(), base.restart()), "joins network nope"),
                Arguments.of("undeclared volume", copy(base, base.networks(),
                        List.of(new Mount(Mount.Type.VOLUME, "nope", "/d", false, null)), base.restart()), "mounts volume nope"),
                Arguments.of("relative bind", copy(base, base.networks(),
                        List.of(new Mount(Mount.Type.BIND, "./conf", "/d", false, null)), base.restart()), "is not an absolute host path"),
                Arguments.of("relative target", copy(base, base.networks(),
                        List.of(new Mount(Mount.Type.TMPFS, null, "tmp", false, null)), base.restart()), "is not an absolute path"),
                Arguments.of("bad restart", copy(base, base.networks(), base.mounts(), "sometimes"), "restart 'sometimes'"),
                Arguments.of("retries on always", copy(base, base.networks(), base.mounts(), "always:3"), "restart 'always:3'"),
                Arguments.of("healthcheck without kind", with(base, h -> new ServiceSpec.Healthcheck(List.of("curl", "-f"),
                        null, null, null, null, false)), "healthcheck test curl"));
    }

    @Test
    void hostNetworkModeHasNoNetworks() {
        ContainerRequest r = map(networkMode(Specs.minimal("app", "busybox:1.36"), "host"));
        assertThat(r.networkMode()).isEqualTo("host");
        assertThat(r.networks()).isEmpty();
    }

    private static ServiceSpec networkMode(ServiceSpec s, String mode) {
        return new ServiceSpec(s.name(), s.image(), s.containerName(), s.command(), s.entrypoint(), s.environment(), s.ports(),
                s.expose(), s.mounts(), s.networks(), mode, s.restart(), s.labels(), s.healthcheck(), s.dependsOn(),
                s.execution(), s.resources(), s.security(), s.pullPolicy(), s.logging(), s.extraHosts(), s.dns(), s.configs(),
                s.secrets(), Set.of());
    }

    private static ServiceSpec copy(ServiceSpec s, Map<String, ServiceSpec.NetworkAttachment> networks, List<Mount> mounts,
                                    String restart) {
        return new ServiceSpec(s.name(), s.image(), s.containerName(), s.command(), s.entrypoint(), s.environment(), s.ports(),
                s.expose(), mounts, networks, s.networkMode(), restart, s.labels(), s.healthcheck(), s.dependsOn(),
                s.execution(), s.resources(), s.security(), s.pullPolicy(), s.logging(), s.extraHosts(), s.dns(), s.configs(),
                s.secrets(), Set.of());
    }

    private static ServiceSpec with(ServiceSpec s, UnaryOperator<ServiceSpec.Healthcheck> healthcheck) {
        return new ServiceSpec(s.name(), s.image(), s.containerName(), s.command(), s.entrypoint(), s.environment(), s.ports(),
                s.expose(), s.mounts(), s.networks(), s.networkMode(), s.restart(), s.labels(), healthcheck.apply(s.healthcheck()),
                s.dependsOn(), s.execution(), s.resources(), s.security(), s.pullPolicy(), s.logging(), s.extraHosts(), s.dns(),
                s.configs(), s.secrets(), Set.of());
    }
}
