package dev.barge.docker;

import dev.barge.config.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the engine needs to create one container, resolved to engine-side names: volume keys
 * are engine volume names, network keys engine network names, the environment is {@code KEY=VALUE}
 * lines. Built by {@link ContainerRequests}; plain values so it can be checked without an engine.
 *
 * <p>{@code command}, {@code entrypoint} and {@code healthcheck} are null when the image's default
 * applies. {@code networks} is empty when {@code networkMode} is {@code host}, {@code none} or
 * {@code bridge} (both empty: the engine's default bridge); otherwise its first entry is the network
 * the container is created on and the others are connected right after create.
 */
public record ContainerRequest(
        String name,
        String image,
        List<String> command,
        List<String> entrypoint,
        List<String> env,
        Map<String, String> labels,
        List<Port> ports,
        List<String> exposedPorts,
        List<ServiceSpec.Mount> mounts,
        String networkMode,
        List<Network> networks,
        Restart restart,
        ServiceSpec.Healthcheck healthcheck,
        ServiceSpec.Execution execution,
        ServiceSpec.Resources resources,
        ServiceSpec.Security security,
        ServiceSpec.Logging logging,
        List<String> extraHosts,
        List<String> dns,
        ServiceSpec.Engine engine) {

    public ContainerRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        command = command == null ? null : List.copyOf(command);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        env = List.copyOf(env);
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
        exposedPorts = List.copyOf(exposedPorts);
        mounts = List.copyOf(mounts);
        networks = List.copyOf(networks);
        if (networkMode != null && !networks.isEmpty()) {
            throw new IllegalArgumentException("container " + name + ": network mode " + networkMode
                    + " and networks " + networks.stream().map(Network::name).toList() + " exclude each other");
        }
        Objects.requireNonNull(restart, "restart");
        execution = execution == null ? ServiceSpec.Execution.DEFAULTS : execution;
        resources = resources == null ? ServiceSpec.Resources.DEFAULTS : resources;
        security = security == null ? ServiceSpec.Security.DEFAULTS : security;
        extraHosts = List.copyOf(extraHosts);
        dns = List.copyOf(dns);
        engine = engine == null ? ServiceSpec.Engine.DEFAULTS : engine;
    }

    /** A request without platform, runtime or links. */
    public ContainerRequest(String name, String image, List<String> command, List<String> entrypoint, List<String> env,
                            Map<String, String> labels, List<Port> ports, List<String> exposedPorts,
                            List<ServiceSpec.Mount> mounts, String networkMode, List<Network> networks, Restart restart,
                            ServiceSpec.Healthcheck healthcheck, ServiceSpec.Execution execution,
                            ServiceSpec.Resources resources, ServiceSpec.Security security, ServiceSpec.Logging logging,
                            List<String> extraHosts, List<String> dns) {
        this(name, image, command, entrypoint, env, labels, ports, exposedPorts, mounts, networkMode, networks, restart,
                healthcheck, execution, resources, security, logging, extraHosts, dns, ServiceSpec.Engine.DEFAULTS);
    }

    /**
     * This request with {@code extra} mounts after the service's own: the read-only binds of the
     * secret files apply writes to its tmpfs, which are not part of the service's spec or its hash.
     */
    public ContainerRequest withExtraMounts(List<ServiceSpec.Mount> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        List<ServiceSpec.Mount> all = new ArrayList<>(mounts);
        all.addAll(extra);
        return new ContainerRequest(name, image, command, entrypoint, env, labels, ports, exposedPorts, all,
                networkMode, networks, restart, healthcheck, execution, resources, security, logging, extraHosts, dns, engine);
    }

    /**
     * This request with each anonymous volume whose path is in {@code byTarget} mounted from that engine
     * volume: the replaced container's, so its data carries over as Compose does.
     */
    public ContainerRequest withInheritedVolumes(Map<String, String> byTarget) {
        if (byTarget.isEmpty()) {
            return this;
        }
        List<ServiceSpec.Mount> all = new ArrayList<>();
        for (ServiceSpec.Mount m : mounts) {
            String volume = m.anonymous() ? byTarget.get(m.target()) : null;
            all.add(volume == null ? m : m.withSource(volume));
        }
        return new ContainerRequest(name, image, command, entrypoint, env, labels, ports, exposedPorts, all,
                networkMode, networks, restart, healthcheck, execution, resources, security, logging, extraHosts, dns, engine);
    }

    /** This request under another container name: a replacement is made under one of its own first. */
    public ContainerRequest withName(String other) {
        return new ContainerRequest(other, image, command, entrypoint, env, labels, ports, exposedPorts, mounts,
                networkMode, networks, restart, healthcheck, execution, resources, security, logging, extraHosts, dns, engine);
    }

    /**
     * A published port. {@code hostIp} null binds every interface, {@code hostPort} null lets the
     * engine pick a free one; {@code protocol} is tcp, udp or sctp.
     */
    public record Port(String hostIp, Integer hostPort, int containerPort, String protocol) {
    }

    /** An engine network the container joins, with the DNS aliases it answers to there. */
    public record Network(String name, List<String> aliases, String ipv4Address) {
        public Network {
            aliases = List.copyOf(aliases);
        }
    }

    /** {@code name} is no, always, unless-stopped or on-failure; retries only count for on-failure. */
    public record Restart(String name, int maximumRetryCount) {
        public static final Restart NO = new Restart("no", 0);
    }

    @Override
    public String toString() {
        // the environment may hold secret values
        return "ContainerRequest[" + name + ", image=" + image + "]";
    }
}
