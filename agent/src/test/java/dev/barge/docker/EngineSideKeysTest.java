package dev.barge.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import com.github.dockerjava.api.model.Link;
import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.Mount;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's keys as the engine gets them: network_mode service:/container: resolved to the container barge
 * runs for that service, links as CONTAINER:ALIAS, platform, runtime, start_interval, inherited anonymous volumes.
 */
class EngineSideKeysTest {
    /** The stack's services and the containers barge runs for them. */
    private static final Map<String, String> CONTAINERS = Map.of("app", "web-app-1", "db", "the-db");

    private static ServiceSpec spec(String networkMode, ServiceSpec.Engine engine, List<Mount> mounts,
                                    ServiceSpec.Healthcheck healthcheck) {
        ServiceSpec m = Specs.minimal("probe", "busybox:1.36");
        return new ServiceSpec(m.name(), m.image(), null, null, null, Map.of(), List.of(), List.of(), mounts,
                networkMode == null ? Map.of() : Map.of(), networkMode, null, Map.of(), healthcheck, Map.of(),
                m.execution(), m.resources(), m.security(), null, null, List.of(), List.of(), List.of(), List.of(),
                Set.of(), engine);
    }

    private static ContainerRequest map(ServiceSpec spec) {
        return ContainerRequests.of("web", spec, Map.of(), Map.of(), Map.of("dev.barge.managed", "true"), CONTAINERS);
    }

    private static CreateContainerCmd command(ContainerRequest request) {
        return CreateCommands.configure(new CreateContainerCmdImpl(c -> null, null, request.image()), request);
    }

    @Test
    void networkModeServiceJoinsTheContainerBargeRunsForIt() {
        assertThat(map(spec("service:app", null, List.of(), null)).networkMode()).isEqualTo("container:web-app-1");
        assertThat(map(spec("container:the-db", null, List.of(), null)).networkMode()).isEqualTo("container:the-db");
        assertThat(command(map(spec("service:db", null, List.of(), null))).getHostConfig().getNetworkMode())
                .isEqualTo("container:the-db");
    }

    @Test
    void networkModeContainerOfSomethingBargeDoesNotRunIsRefused() {
        assertThatThrownBy(() -> map(spec("container:someones-db", null, List.of(), null)))
                .isInstanceOf(BargeException.class)
                .hasMessage("service probe of stack web: network_mode container:someones-db names no container barge"
                        + " runs for its compose file: use service:SERVICE with a service of the same file")
                .extracting(e -> ((BargeException) e).failure()).isEqualTo(Failure.BAD_INPUT);
    }

    @Test
    void linksPlatformRuntimeAndStartIntervalReachTheCreateCommand() {
        ServiceSpec.Healthcheck check = new ServiceSpec.Healthcheck(List.of("CMD", "true"), null, null, null,
                Duration.ofSeconds(30), false, Duration.ofSeconds(2));
        ContainerRequest request = map(spec(null, new ServiceSpec.Engine("linux/arm64", "runc",
                List.of("db:database", "app:app"), 1), List.of(), check));

        assertThat(request.engine().links()).containsExactly("the-db:database", "web-app-1:app");
        CreateContainerCmd cmd = command(request);
        assertThat(cmd.getPlatform()).isEqualTo("linux/arm64");
        assertThat(cmd.getHostConfig().getRuntime()).isEqualTo("runc");
        assertThat(cmd.getHostConfig().getLinks()).containsExactly(new Link("the-db", "database"), new Link("web-app-1", "app"));
        assertThat(cmd.getHealthcheck().getStartInterval()).isEqualTo(Duration.ofSeconds(2).toNanos());
    }

    @Test
    void aReplacementGetsTheOldContainersAnonymousVolumeAtTheSamePath() {
        ContainerRequest request = map(spec(null, null, List.of(new Mount(Mount.Type.VOLUME, null, "/var/lib/db", false, null),
                new Mount(Mount.Type.VOLUME, null, "/cache", false, null)), null));

        ContainerRequest inherited = request.withInheritedVolumes(Map.of("/var/lib/db", "a".repeat(64), "/gone", "b".repeat(64)));

        assertThat(inherited.mounts()).containsExactly(new Mount(Mount.Type.VOLUME, "a".repeat(64), "/var/lib/db", false, null),
                new Mount(Mount.Type.VOLUME, null, "/cache", false, null));
    }
}
