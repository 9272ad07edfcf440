package dev.barge.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Link;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PropagationMode;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.SELContext;
import com.github.dockerjava.api.model.TmpfsOptions;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.VolumeOptions;
import dev.barge.BargeException;
import dev.barge.config.model.ServiceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes a {@link ContainerRequest} into docker-java's create command; no I/O. */
final class CreateCommands {

    private CreateCommands() {
    }

    static CreateContainerCmd configure(CreateContainerCmd cmd, ContainerRequest r) {
        String where = "container " + r.name();
        cmd.withName(r.name()).withImage(r.image()).withEnv(r.env()).withLabels(r.labels());
        if (r.command() != null) {
            cmd.withCmd(r.command());
        }
        if (r.entrypoint() != null) {
            cmd.withEntrypoint(r.entrypoint());
        }
        cmd.withExposedPorts(r.exposedPorts().stream().map(ExposedPort::parse).toList());
        if (r.healthcheck() != null) {
            cmd.withHealthcheck(healthcheck(r.healthcheck()));
        }
        ServiceSpec.Execution x = r.execution();
        if (x.user() != null) {
            cmd.withUser(x.user());
        }
        if (x.workingDir() != null) {
            cmd.withWorkingDir(x.workingDir());
        }
        if (x.hostname() != null) {
            cmd.withHostName(x.hostname());
        }
        cmd.withTty(x.tty()).withStdinOpen(x.stdinOpen());
        if (x.stopSignal() != null) {
            cmd.withStopSignal(x.stopSignal());
        }
        if (x.stopGracePeriod() != null) {
            cmd.withStopTimeout(seconds(x.stopGracePeriod()));
        }
        if (r.engine().platform() != null) {
            cmd.withPlatform(r.engine().platform());
        }
        if (!r.networks().isEmpty()) {
            ContainerRequest.Network first = r.networks().get(0);
            // docker-java turns these into the NetworkingConfig of the HostConfig's network mode
            cmd.withAliases(first.aliases());
            if (first.ipv4Address() != null) {
                cmd.withIpv4Address(first.ipv4Address());
            }
        }
        return cmd.withHostConfig(hostConfig(where, r));
    }

    static HostConfig hostConfig(String where, ContainerRequest r) {
        HostConfig h = HostConfig.newHostConfig()
                .withPortBindings(portBindings(r.ports()))
                .withMounts(mounts(r.mounts()))
                .withRestartPolicy(restart(r.restart()))
                .withExtraHosts(r.extraHosts().toArray(String[]::new))
                .withDns(r.dns());
        List<Bind> binds = binds(r.mounts());
        if (!binds.isEmpty()) {
            h.withBinds(binds);
        }
        Map<String, String> tmpfs = tmpfs(r.mounts());
        if (!tmpfs.isEmpty()) {
            h.withTmpFs(tmpfs);
        }
        String networkMode = r.networkMode() != null ? r.networkMode()
                : r.networks().isEmpty() ? null : r.networks().get(0).name();
        if (networkMode != null) {
            h.withNetworkMode(networkMode);
        }
        if (r.execution().init() != null) {
            h.withInit(r.execution().init());
        }
        if (r.engine().runtime() != null) {
            h.withRuntime(r.engine().runtime());
        }
        if (!r.engine().links().isEmpty()) {
            // on a user-defined network the engine makes these container-scoped aliases, as Compose relies on
            h.withLinks(r.engine().links().stream().map(Link::parse).toList());
        }
        resources(h, r.resources());
        security(where, h, r.security());
        if (r.logging() != null && r.logging().driver() != null) {
            h.withLogConfig(logConfig(where, r.logging()));
        }
        return h;
    }

    static HealthCheck healthcheck(ServiceSpec.Healthcheck c) {
        HealthCheck h = new HealthCheck().withTest(c.test());
        if (c.disabled()) {
            return h.withTest(List.of("NONE"));
        }
        if (c.interval() != null) {
            h.withInterval(c.interval().toNanos());
        }
        if (c.timeout() != null) {
            h.withTimeout(c.timeout().toNanos());
        }
        if (c.retries() != null) {
            h.withRetries(c.retries());
        }
        if (c.startPeriod() != null) {
            h.withStartPeriod(c.startPeriod().toNanos());
        }
        if (c.startInterval() != null) {
            h.withStartInterval(c.startInterval().toNanos());
        }
        return h;
    }

    private static List<PortBinding> portBindings(List<ContainerRequest.Port> ports) {
        List<PortBinding> bindings = new ArrayList<>();
        for (ContainerRequest.Port p : ports) {
            ExposedPort exposed = new ExposedPort(p.containerPort(), InternetProtocol.parse(p.protocol()));
            String hostPort = p.hostPort() == null ? null : String.valueOf(p.hostPort());
            bindings.add(new PortBinding(new Ports.Binding(p.hostIp(), hostPort), exposed));
        }
        return bindings;
    }

    private static List<Mount> mounts(List<ServiceSpec.Mount> mounts) {
        List<Mount> result = new ArrayList<>();
        for (ServiceSpec.Mount m : mounts) {
            if (m.type() != ServiceSpec.Mount.Type.VOLUME && !m.options().isEmpty()) {
                continue; // in binds() or tmpfs()
            }
            Mount mount = new Mount().withTarget(m.target()).withReadOnly(m.readOnly());
            switch (m.type()) {
                case BIND -> mount.withType(MountType.BIND).withSource(m.source());
                case VOLUME -> {
                    mount.withType(MountType.VOLUME).withSource(m.source());
                    if (m.options().contains("nocopy")) {
                        mount.withVolumeOptions(new VolumeOptions().withNoCopy(true));
                    }
                }
                case TMPFS -> {
                    mount.withType(MountType.TMPFS);
                    if (m.tmpfsSize() != null) {
                        mount.withTmpfsOptions(new TmpfsOptions().withSizeBytes(m.tmpfsSize()));
                    }
                }
            }
            result.add(mount);
        }
        return result;
    }

    /**
     * The binds with options, in the engine's legacy {@code Binds} form ({@code src:dst:ro,Z}), as compose
     * sends them: the Mount API has no SELinux relabel.
     */
    private static List<Bind> binds(List<ServiceSpec.Mount> mounts) {
        List<Bind> binds = new ArrayList<>();
        for (ServiceSpec.Mount m : mounts) {
            if (m.type() != ServiceSpec.Mount.Type.BIND || m.options().isEmpty()) {
                continue;
            }
            SELContext label = m.options().contains("Z") ? SELContext.single
                    : m.options().contains("z") ? SELContext.shared : SELContext.none;
            PropagationMode propagation = m.options().stream().filter(o -> !o.equalsIgnoreCase("z"))
                    .map(PropagationMode::fromString).findFirst().orElse(PropagationMode.DEFAULT_MODE);
            binds.add(new Bind(m.source(), new Volume(m.target()), AccessMode.fromBoolean(!m.readOnly()), label, null,
                    propagation));
        }
        return binds;
    }

    /** The tmpfs mounts with options, as docker's {@code --tmpfs PATH:OPTIONS} (the Mount API takes only size and mode). */
    private static Map<String, String> tmpfs(List<ServiceSpec.Mount> mounts) {
        Map<String, String> tmpfs = new java.util.LinkedHashMap<>();
        for (ServiceSpec.Mount m : mounts) {
            if (m.type() != ServiceSpec.Mount.Type.TMPFS || m.options().isEmpty()) {
                continue;
            }
            tmpfs.put(m.target(), m.tmpfsOptionText());
        }
        return tmpfs;
    }

    private static RestartPolicy restart(ContainerRequest.Restart r) {
        return switch (r.name()) {
            case "always" -> RestartPolicy.alwaysRestart();
            case "unless-stopped" -> RestartPolicy.unlessStoppedRestart();
            case "on-failure" -> RestartPolicy.onFailureRestart(r.maximumRetryCount());
            default -> RestartPolicy.noRestart();
        };
    }

    private static void resources(HostConfig h, ServiceSpec.Resources r) {
        if (r.memLimit() != null) {
            h.withMemory(r.memLimit());
        }
        if (r.memReservation() != null) {
            h.withMemoryReservation(r.memReservation());
        }
        if (r.cpus() != null) {
            h.withNanoCPUs(Math.round(r.cpus() * 1_000_000_000d));
        }
        if (r.pidsLimit() != null) {
            h.withPidsLimit(r.pidsLimit());
        }
        if (r.oomKillDisable() != null) {
            h.withOomKillDisable(r.oomKillDisable());
        }
        if (r.shmSize() != null) {
            h.withShmSize(r.shmSize());
        }
        List<Ulimit> ulimits = new ArrayList<>();
        r.ulimits().forEach((name, u) -> ulimits.add(new Ulimit(name, u.soft(), u.hard())));
        h.withUlimits(ulimits);
    }

    private static void security(String where, HostConfig h, ServiceSpec.Security s) {
        h.withPrivileged(s.privileged())
                .withCapAdd(capabilities(where, s.capAdd()))
                .withCapDrop(capabilities(where, s.capDrop()))
                .withReadonlyRootfs(s.readOnly())
                .withSecurityOpts(s.securityOpt())
                .withSysctls(s.sysctls());
        List<Device> devices = new ArrayList<>();
        for (ServiceSpec.Device d : s.devices()) {
            String inContainer = d.containerPath() == null ? d.hostPath() : d.containerPath();
            String permissions = d.permissions() == null ? "rwm" : d.permissions();
            devices.add(new Device(permissions, inContainer, d.hostPath()));
        }
        h.withDevices(devices);
    }

    private static Capability[] capabilities(String where, List<String> names) {
        Capability[] caps = new Capability[names.size()];
        for (int i = 0; i < caps.length; i++) {
            try {
                caps[i] = Capability.valueOf(dev.barge.config.compose.EngineNames.capability(names.get(i)));
            } catch (IllegalArgumentException e) {
                throw BargeException.badInput(where + ": capability " + names.get(i)
                        + " is unknown: use a Linux capability name such as NET_ADMIN");
            }
        }
        return caps;
    }

    private static LogConfig logConfig(String where, ServiceSpec.Logging logging) {
        LogConfig.LoggingType type = null;
        for (LogConfig.LoggingType t : LogConfig.LoggingType.values()) {
            if (t.getType().equals(logging.driver())) {
                type = t;
            }
        }
        if (type == null) {
            throw BargeException.badInput(where + ": logging driver " + logging.driver()
                    + " is not supported: use json-file, local, syslog, journald, gelf, fluentd, awslogs, splunk, gcplogs, loki or none");
        }
        return new LogConfig(type, logging.options());
    }

    /** The engine counts stop timeouts in whole seconds; round up so a grace period is never cut short. */
    static int seconds(Duration d) {
        long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, s));
    }
}
