package dev.barge.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import dev.barge.BargeException;
import dev.barge.config.model.ServiceSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreateCommandsTest {

    private static CreateContainerCmd command(ContainerRequest request) {
        CreateContainerCmd cmd = new CreateContainerCmdImpl(c -> null, null, request.image());
        return CreateCommands.configure(cmd, request);
    }

    private static ContainerRequest full() {
        return ContainerRequests.of("web", Specs.full("app", "web-app", "/srv/web"), Map.of("front", "web_front", "back", "web_back"),
                Map.of("data", "web_data"), OwnershipLabels.forContainer("mars", "web", "app", "h", "c"));
    }

    @Test
    void writesTheRequestIntoTheCreateCommandAndItsHostConfig() {
        CreateContainerCmd cmd = command(full());
        assertThat(cmd.getName()).isEqualTo("web-app");
        assertThat(cmd.getEnv()).containsExactly("EMPTY=", "GREETING=hello");
        assertThat(cmd.getExposedPorts()).containsExactlyInAnyOrder(ExposedPort.tcp(9000), ExposedPort.tcp(8080), ExposedPort.udp(5353));
        assertThat(cmd.getHealthcheck().getTest()).containsExactly("CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1");
        assertThat(cmd.getHealthcheck().getInterval()).isEqualTo(500_000_000L);
        assertThat(cmd.getHealthcheck().getStartPeriod()).isEqualTo(1_000_000_000L);
        assertThat(cmd.getStopTimeout()).as("2.5 s rounds up").isEqualTo(3);
        assertThat(cmd.getStopSignal()).isEqualTo("SIGTERM");
        assertThat(cmd.getUser()).isEqualTo("0:0");
        assertThat(cmd.getHostName()).isEqualTo("web-host");
        assertThat(cmd.getAliases()).as("first network (sorted): back").containsExactly("app");

        HostConfig h = cmd.getHostConfig();
        assertThat(h.getNetworkMode()).isEqualTo("web_back");
        assertThat(h.getPortBindings().getBindings().get(ExposedPort.tcp(8080)))
                .containsExactly(new Ports.Binding("127.0.0.1", null));
        assertThat(h.getMounts()).extracting(m -> m.getType(), m -> m.getSource(), m -> m.getTarget())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(MountType.BIND, "/srv/web", "/srv/conf"),
                        org.assertj.core.groups.Tuple.tuple(MountType.VOLUME, "web_data", "/data"),
                        org.assertj.core.groups.Tuple.tuple(MountType.TMPFS, null, "/scratch"));
        assertThat(h.getMounts().get(2).getTmpfsOptions().getSizeBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(h.getRestartPolicy().getName()).isEqualTo("on-failure");
        assertThat(h.getRestartPolicy().getMaximumRetryCount()).isEqualTo(3);
        assertThat(h.getMemory()).isEqualTo(64L * 1024 * 1024);
        assertThat(h.getMemoryReservation()).isEqualTo(32L * 1024 * 1024);
        assertThat(h.getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(h.getPidsLimit()).isEqualTo(100L);
        assertThat(h.getShmSize()).isEqualTo(8L * 1024 * 1024);
        assertThat(h.getUlimits()).singleElement().satisfies(u -> {
            assertThat(u.getName()).isEqualTo("nofile");
            assertThat(u.getSoftLong()).isEqualTo(1024L);
            assertThat(u.getHardLong()).isEqualTo(2048L);
        });
        assertThat(h.getCapAdd()).containsExactly(Capability.NET_ADMIN);
        assertThat(h.getCapDrop()).containsExactly(Capability.MKNOD);
        assertThat(h.getSecurityOpts()).containsExactly("no-new-privileges:true");
        assertThat(h.getDevices()).singleElement().satisfies(d -> {
            assertThat(d.getPathOnHost()).isEqualTo("/dev/null");
            assertThat(d.getPathInContainer()).isEqualTo("/dev/barge-null");
            assertThat(d.getcGroupPermissions()).isEqualTo("rw");
        });
        assertThat(h.getSysctls()).containsEntry("net.ipv4.ip_unprivileged_port_start", "0");
        assertThat(h.getInit()).isTrue();
        assertThat(h.getLogConfig().getType().getType()).isEqualTo("json-file");
        assertThat(h.getLogConfig().getConfig()).containsEntry("max-size", "1m");
        assertThat(h.getExtraHosts()).containsExactly("db.internal:10.0.0.5", "cache.internal:10.0.0.6");
        assertThat(h.getDns()).containsExactly("1.1.1.1");
    }

    /** compose v2 sends a relabelled bind as a {@code Binds} string: the Mount API has no SELinux option. */
    @Test
    void mountOptionsReachTheEngineAsComposeSendsThem() {
        ServiceSpec base = Specs.minimal("app", "busybox:1.36");
        ServiceSpec s = base.withMounts(List.of(
                new ServiceSpec.Mount(ServiceSpec.Mount.Type.BIND, "/srv/conf", "/conf", true, null, null, List.of("z")),
                new ServiceSpec.Mount(ServiceSpec.Mount.Type.BIND, "/srv/x", "/x", false, null, null, List.of("rshared", "Z")),
                new ServiceSpec.Mount(ServiceSpec.Mount.Type.BIND, "/srv/plain", "/plain", true, null),
                new ServiceSpec.Mount(ServiceSpec.Mount.Type.VOLUME, "data", "/data", false, null, null, List.of("nocopy")),
                new ServiceSpec.Mount(ServiceSpec.Mount.Type.TMPFS, null, "/scratch", false, 8L << 20, null,
                        List.of("mode=1777", "noexec")),
                new ServiceSpec.Mount(ServiceSpec.Mount.Type.TMPFS, null, "/ro", true, null, null, List.of("uid=1000")),
                new ServiceSpec.Mount(ServiceSpec.Mount.Type.TMPFS, null, "/run", false, 1024L)));

        HostConfig h = command(ContainerRequests.of("web", s, Map.of(), Map.of("data", "web_data"), Map.of())).getHostConfig();

        assertThat(h.getBinds()).extracting(Object::toString)
                .containsExactly("/srv/conf:/conf:ro,z", "/srv/x:/x:rw,Z,rshared");
        assertThat(h.getTmpFs()).containsExactly(Map.entry("/scratch", "size=8388608,mode=1777,noexec"),
                Map.entry("/ro", "uid=1000,ro"));
        assertThat(h.getMounts()).extracting(m -> m.getType(), m -> m.getTarget())
                .as("mounts without options are sent as before").containsExactly(
                        org.assertj.core.groups.Tuple.tuple(MountType.BIND, "/plain"),
                        org.assertj.core.groups.Tuple.tuple(MountType.VOLUME, "/data"),
                        org.assertj.core.groups.Tuple.tuple(MountType.TMPFS, "/run"));
        assertThat(h.getMounts().get(1).getVolumeOptions().getNoCopy()).isTrue();
    }

    @Test
    void aDisabledHealthcheckIsSentAsNone() {
        assertThat(CreateCommands.healthcheck(new ServiceSpec.Healthcheck(List.of("CMD", "true"), Duration.ofSeconds(1), null,
                null, null, true)).getTest()).containsExactly("NONE");
    }

    @Test
    void anUnknownLoggingDriverOrCapabilityIsBadInput() {
        ServiceSpec base = Specs.minimal("app", "busybox:1.36");
        ServiceSpec logging = new ServiceSpec(base.name(), base.image(), null, null, null, Map.of(), List.of(), List.of(),
                List.of(), Map.of(), null, null, Map.of(), null, Map.of(), base.execution(), base.resources(), base.security(),
                null, new ServiceSpec.Logging("carrier-pigeon", Map.of()), List.of(), List.of(), List.of(), List.of(),
                java.util.Set.of());
        ContainerRequest r = ContainerRequests.of("web", logging, Map.of(), Map.of(), Map.of());
        assertThatThrownBy(() -> command(r)).isInstanceOf(BargeException.class)
                .hasMessageContaining("logging driver carrier-pigeon is not supported");

        ServiceSpec cap = new ServiceSpec(base.name(), base.image(), null, null, null, Map.of(), List.of(), List.of(),
                List.of(), Map.of(), null, null, Map.of(), null, Map.of(), base.execution(), base.resources(),
                new ServiceSpec.Security(false, List.of("FLY"), List.of(), false, List.of(), List.of(), Map.of()),
                null, null, List.of(), List.of(), List.of(), List.of(), java.util.Set.of());
        assertThatThrownBy(() -> command(ContainerRequests.of("web", cap, Map.of(), Map.of(), Map.of())))
                .isInstanceOf(BargeException.class).hasMessageContaining("capability FLY is unknown");
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0", "PT1S, 1", "PT1.001S, 2", "PT10M, 600"})
    void stopTimeoutsRoundUpToWholeSeconds(Duration grace, int seconds) {
        assertThat(CreateCommands.seconds(grace)).isEqualTo(seconds);
    }
}
