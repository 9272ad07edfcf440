package dev.barge.docker;

import dev.barge.BargeException;
import dev.barge.config.model.NetworkSpec;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.config.model.VolumeSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a resolved compose service onto a {@link ContainerRequest}: engine-side names for networks and
 * volumes, the environment as lines, ownership labels over the compose ones, the service name as a
 * network alias. Pure; every refusal is a {@link dev.barge.Failure#BAD_INPUT} naming the service.
 *
 * <p>Not mapped here, because they are not container settings: {@code depends_on} and
 * {@code pull_policy} (the applier's ordering and pulling), {@code configs} (put in by
 * {@link DockerGateway#copyFiles}) and {@code secrets} (read-only binds from apply's tmpfs, added with
 * {@link ContainerRequest#withExtraMounts}).
 */
public final class ContainerRequests {

    /** The network a service joins when it names none and has no network_mode, as in Compose. */
    public static final String DEFAULT_NETWORK = "default";

    private static final Set<String> PLAIN_NETWORK_MODES = Set.of("host", "none", "bridge");
    private static final Set<String> HEALTHCHECK_KINDS = Set.of("CMD", "CMD-SHELL", "NONE");
    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");
    private static final Pattern RESTART = Pattern.compile("(no|always|unless-stopped|on-failure)(?::(\\d+))?");
    private static final Pattern EXPOSE = Pattern.compile("(\\d{1,5})(?:/(tcp|udp|sctp))?");

    private ContainerRequests() {
    }

    /** Engine names come from the stack's compose project ({@code <stack>_<key>} unless set there). */
    public static ContainerRequest of(StackSpec stack, ServiceSpec service, Map<String, String> labels) {
        Map<String, String> networkNames = new TreeMap<>();
        for (NetworkSpec network : stack.project().networks().values()) {
            networkNames.put(network.key(), network.name());
        }
        Map<String, String> volumeNames = new TreeMap<>();
        for (VolumeSpec volume : stack.project().volumes().values()) {
            volumeNames.put(volume.key(), volume.name());
        }
        Map<String, String> containerNames = new TreeMap<>();
        stack.project().services().forEach((key, s) -> containerNames.put(key, s.containerName(stack.name())));
        List<String> links = service.engine().links().stream().filter(l -> !ReplicaLinks.byAlias(stack, service, l)).toList();
        ServiceSpec.Engine e = service.engine();
        ServiceSpec linked = links.size() == e.links().size() ? service
                : service.withEngine(new ServiceSpec.Engine(e.platform(), e.runtime(), links, e.replicas()));
        return of(stack.name(), linked, networkNames, volumeNames, labels, containerNames);
    }

    /** Without the stack's other services: a service that shares another's network or links to it is refused. */
    public static ContainerRequest of(String stack, ServiceSpec service, Map<String, String> networkNames,
                                      Map<String, String> volumeNames, Map<String, String> labels) {
        return of(stack, service, networkNames, volumeNames, labels, Map.of());
    }

    /**
     * @param networkNames compose network key to engine network name; a missing {@code default} is
     *                     {@code <stack>_default}
     * @param volumeNames  compose volume key to engine volume name
     * @param labels       the ownership labels; they win over compose labels with the same key
     * @param containerNames the container of each service of the stack, for network_mode service: and links
     */
    public static ContainerRequest of(String stack, ServiceSpec service, Map<String, String> networkNames,
                                      Map<String, String> volumeNames, Map<String, String> labels,
                                      Map<String, String> containerNames) {
        String where = "service " + service.name() + " of stack " + stack;
        if (service.image() == null || service.image().isBlank()) {
            throw BargeException.badInput(where + " has no image: set image: in its compose file");
        }
        Map<String, String> allLabels = new TreeMap<>(service.labels());
        allLabels.putAll(labels);

        String networkMode = networkMode(where, service, containerNames);
        List<ContainerRequest.Network> networks = networkMode != null ? List.of()
                : networks(where, stack, service, networkNames);

        return new ContainerRequest(
                service.containerName(stack),
                service.image(),
                service.command(),
                service.entrypoint(),
                env(service.environment()),
                allLabels,
                ports(where, service.ports()),
                exposed(where, service),
                mounts(where, service.mounts(), volumeNames),
                networkMode,
                networks,
                restart(where, service.restart()),
                healthcheck(where, service.healthcheck()),
                service.execution(),
                service.resources(),
                security(service.security()),
                service.logging(),
                extraHosts(service.extraHosts()),
                service.dns(),
                engine(where, service.engine(), containerNames));
    }

    /** Links name the linked service's container ({@code CONTAINER:ALIAS}), as the engine reads them. */
    private static ServiceSpec.Engine engine(String where, ServiceSpec.Engine e, Map<String, String> containerNames) {
        List<String> links = new ArrayList<>();
        for (String link : e.links()) {
            String service = ReplicaLinks.target(link);
            String container = containerNames.get(service);
            if (container == null) {
                throw BargeException.badInput(where + " links to service " + service
                        + ", which is not in its compose file: remove the link");
            }
            links.add(container + ":" + ReplicaLinks.alias(link));
        }
        return new ServiceSpec.Engine(e.platform(), e.runtime(), links, e.replicas());
    }

    private static String networkMode(String where, ServiceSpec service, Map<String, String> containerNames) {
        String mode = service.networkMode();
        if (mode == null || mode.isBlank()) {
            return null;
        }
        if (mode.startsWith("service:") || mode.startsWith("container:")) {
            mode = sharedNamespace(where, mode, containerNames);
        } else if (!PLAIN_NETWORK_MODES.contains(mode)) {
            throw BargeException.badInput(where + ": network_mode " + mode
                    + " is not supported: use host, none, bridge, service:SERVICE or container:NAME");
        }
        if (!service.networks().isEmpty()) {
            throw BargeException.badInput(where + " sets both network_mode " + mode + " and networks "
                    + service.networks().keySet() + ": keep one of them");
        }
        return mode;
    }

    /** {@code container:<the container barge runs for the service>}; a container barge does not run is refused. */
    private static String sharedNamespace(String where, String mode, Map<String, String> containerNames) {
        String name = mode.substring(mode.indexOf(':') + 1);
        String container = mode.startsWith("service:") ? containerNames.get(name)
                : containerNames.containsValue(name) ? name : null;
        if (container == null) {
            throw BargeException.badInput(where + ": network_mode " + mode + " names no container barge runs for its"
                    + " compose file: use service:SERVICE with a service of the same file");
        }
        return "container:" + container;
    }

    private static List<ContainerRequest.Network> networks(String where, String stack, ServiceSpec service,
                                                           Map<String, String> networkNames) {
        Map<String, ServiceSpec.NetworkAttachment> attachments = service.networks();
        if (attachments.isEmpty()) {
            attachments = Map.of(DEFAULT_NETWORK, new ServiceSpec.NetworkAttachment(List.of(), null));
        }
        List<ContainerRequest.Network> networks = new ArrayList<>();
        for (Map.Entry<String, ServiceSpec.NetworkAttachment> e : attachments.entrySet()) {
            String engineName = networkNames.get(e.getKey());
            if (engineName == null && e.getKey().equals(DEFAULT_NETWORK)) {
                engineName = stack + "_" + DEFAULT_NETWORK;
            }
            if (engineName == null) {
                throw BargeException.badInput(where + " joins network " + e.getKey()
                        + " that the compose file does not declare: add it under the top-level networks:");
            }
            Set<String> aliases = new LinkedHashSet<>();
            aliases.add(service.name());
            aliases.addAll(e.getValue().aliases());
            networks.add(new ContainerRequest.Network(engineName, List.copyOf(aliases), e.getValue().ipv4Address()));
        }
        return networks;
    }

    private static List<String> env(Map<String, String> environment) {
        List<String> lines = new ArrayList<>(environment.size());
        // a variable without value stays unset in the container, as `docker run -e NAME` does when NAME is unset
        environment.forEach((k, v) -> lines.add(v == null ? k : k + "=" + v));
        return lines;
    }

    private static List<ContainerRequest.Port> ports(String where, List<ServiceSpec.PortMapping> mappings) {
        List<ContainerRequest.Port> ports = new ArrayList<>();
        for (ServiceSpec.PortMapping p : mappings) {
            String protocol = p.protocol() == null ? "tcp" : p.protocol().toLowerCase(Locale.ROOT);
            if (!PROTOCOLS.contains(protocol)) {
                throw BargeException.badInput(where + ": port " + p.target() + " has protocol " + p.protocol()
                        + ": use tcp, udp or sctp");
            }
            checkPort(where, p.target());
            if (p.published() != null) {
                checkPort(where, p.published());
            }
            String hostIp = p.hostIp() == null || p.hostIp().isBlank() ? null : p.hostIp();
            ports.add(new ContainerRequest.Port(hostIp, p.published(), p.target(), protocol));
        }
        return ports;
    }

    private static void checkPort(String where, int port) {
        if (port < 1 || port > 65535) {
            throw BargeException.badInput(where + ": port " + port + " is outside 1-65535");
        }
    }

    /** {@code expose:} entries plus every published target, as {@code port/protocol}. */
    private static List<String> exposed(String where, ServiceSpec service) {
        Set<String> exposed = new LinkedHashSet<>();
        for (String e : service.expose()) {
            Matcher m = EXPOSE.matcher(e.trim());
            if (!m.matches()) {
                throw BargeException.badInput(where + ": expose entry '" + e + "' is not PORT or PORT/PROTOCOL");
            }
            checkPort(where, Integer.parseInt(m.group(1)));
            exposed.add(m.group(1) + "/" + (m.group(2) == null ? "tcp" : m.group(2)));
        }
        for (ServiceSpec.PortMapping p : service.ports()) {
            exposed.add(p.target() + "/" + (p.protocol() == null ? "tcp" : p.protocol().toLowerCase(Locale.ROOT)));
        }
        return List.copyOf(exposed);
    }

    private static List<ServiceSpec.Mount> mounts(String where, List<ServiceSpec.Mount> mounts,
                                                  Map<String, String> volumeNames) {
        List<ServiceSpec.Mount> resolved = new ArrayList<>();
        for (ServiceSpec.Mount m : mounts) {
            if (m.target() == null || !m.target().startsWith("/")) {
                throw BargeException.badInput(where + ": mount target '" + m.target() + "' is not an absolute path");
            }
            switch (m.type()) {
                case VOLUME -> {
                    if (m.source() == null || m.source().isBlank()) {
                        resolved.add(m); // an anonymous volume: the engine names it
                    } else {
                        String engineName = volumeNames.get(m.source());
                        if (engineName == null) {
                            throw BargeException.badInput(where + " mounts volume " + m.source()
                                    + " that the compose file does not declare: add it under the top-level volumes:");
                        }
                        resolved.add(m.withSource(engineName));
                    }
                }
                case BIND -> {
                    if (m.source() == null || !m.source().startsWith("/")) {
                        throw BargeException.badInput(where + ": bind mount source '" + m.source()
                                + "' for " + m.target() + " is not an absolute host path");
                    }
                    resolved.add(m.withSource(m.source()));
                }
                case TMPFS -> resolved.add(m.withSource(null));
            }
        }
        return resolved;
    }

    private static ContainerRequest.Restart restart(String where, String restart) {
        if (restart == null || restart.isBlank()) {
            return ContainerRequest.Restart.NO;
        }
        Matcher m = RESTART.matcher(restart.trim());
        if (!m.matches() || (m.group(2) != null && !m.group(1).equals("on-failure"))) {
            throw BargeException.badInput(where + ": restart '" + restart
                    + "' is not one of no, always, unless-stopped, on-failure[:N]");
        }
        return new ContainerRequest.Restart(m.group(1), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }

    /** A disabled check becomes the engine's {@code ["NONE"]}; an empty test keeps the image's command. */
    private static ServiceSpec.Healthcheck healthcheck(String where, ServiceSpec.Healthcheck h) {
        if (h == null) {
            return null;
        }
        if (h.disabled()) {
            return new ServiceSpec.Healthcheck(List.of("NONE"), null, null, null, null, true);
        }
        if (!h.test().isEmpty() && !HEALTHCHECK_KINDS.contains(h.test().get(0))) {
            throw BargeException.badInput(where + ": healthcheck test " + h.test().get(0)
                    + " must start with CMD, CMD-SHELL or NONE, or be a string");
        }
        return h;
    }

    /** Compose also writes {@code host=ip}; the engine only reads {@code host:ip}. */
    private static List<String> extraHosts(List<String> hosts) {
        List<String> normalized = new ArrayList<>(hosts.size());
        for (String h : hosts) {
            int eq = h.indexOf('=');
            normalized.add(eq > 0 ? h.substring(0, eq) + ":" + h.substring(eq + 1) : h);
        }
        return normalized;
    }

    /** Compose accepts capabilities with or without the {@code CAP_} prefix; the engine wants them without. */
    private static ServiceSpec.Security security(ServiceSpec.Security s) {
        if (s == null) {
            return ServiceSpec.Security.DEFAULTS;
        }
        return new ServiceSpec.Security(s.privileged(), capabilities(s.capAdd()), capabilities(s.capDrop()),
                s.readOnly(), s.securityOpt(), s.devices(), s.sysctls());
    }

    private static List<String> capabilities(List<String> caps) {
        List<String> names = new ArrayList<>(caps.size());
        for (String cap : caps) {
            String upper = cap.trim().toUpperCase(Locale.ROOT);
            names.add(upper.startsWith("CAP_") ? upper.substring(4) : upper);
        }
        return names;
    }
}
