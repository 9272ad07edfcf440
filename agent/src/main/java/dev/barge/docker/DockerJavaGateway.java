package dev.barge.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network;
import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.NetworkSpec;
import dev.barge.config.model.ServiceSpec.FileMount;
import dev.barge.config.model.VolumeSpec;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/** {@link DockerGateway} on docker-java 3.7.1 over the Apache HttpClient 5 transport. */
public final class DockerJavaGateway implements DockerGateway {
    private static final java.util.regex.Pattern ANONYMOUS = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    private final DockerClient client;
    private final EngineInfo engine;
    private final EngineErrors errors;
    private final Observer observer;
    private final Images images;
    private final ContainerStreams streams;

    private DockerJavaGateway(EngineConnection.Opened opened) {
        this.client = opened.client();
        this.engine = opened.info();
        this.errors = new EngineErrors(engine.host());
        this.observer = new Observer(client, errors);
        this.images = new Images(client, errors, observer);
        this.streams = new ContainerStreams(client, errors);
    }

    /** Connects to DOCKER_HOST (or the docker context, or unix:///var/run/docker.sock) and negotiates the API. */
    public static DockerJavaGateway connect() {
        return new DockerJavaGateway(EngineConnection.open(null));
    }

    /** Connects to {@code dockerHost} ({@code unix:///...}, {@code tcp://host:port}) and negotiates the API. */
    public static DockerJavaGateway connect(String dockerHost) {
        return new DockerJavaGateway(EngineConnection.open(dockerHost));
    }

    @Override
    public EngineInfo engine() {
        return engine;
    }

    @Override
    public Optional<String> rootDir() {
        try {
            return Optional.ofNullable(client.infoCmd().exec().getDockerRootDir()).filter(dir -> !dir.isBlank());
        } catch (RuntimeException e) {
            throw errors.translate("ask the Docker engine for its root directory", e);
        }
    }

    @Override
    public Optional<Set<String>> runtimes() {
        try {
            Map<String, ?> runtimes = client.infoCmd().exec().getRuntimes();
            return runtimes == null ? Optional.empty() : Optional.of(Set.copyOf(runtimes.keySet()));
        } catch (RuntimeException e) {
            throw errors.translate("ask the Docker engine for its runtimes", e);
        }
    }

    @Override
    public ActualState observe(Set<String> imageRefs) {
        return observer.observe(imageRefs);
    }

    @Override
    public String pull(String imageRef, String platform, RegistryCredentials credentials) {
        return images.pull(imageRef, platform, credentials);
    }

    @Override
    public Optional<ActualState.Image> inspectImage(String ref) {
        try {
            return observer.image(ref);
        } catch (RuntimeException e) {
            throw errors.translate("inspect image " + ref, e);
        }
    }

    @Override
    public String createContainer(ContainerRequest request) {
        String id;
        try (CreateContainerCmd cmd = client.createContainerCmd(request.image())) {
            id = CreateCommands.configure(cmd, request).exec().getId();
        } catch (NotFoundException e) {
            throw new BargeException(Failure.FAILED, "create container " + request.name() + " failed: image "
                    + request.image() + " is not present locally: pull it first", e);
        } catch (RuntimeException e) {
            throw errors.translate("create container " + request.name(), e);
        }
        List<ContainerRequest.Network> more = request.networks().size() > 1
                ? request.networks().subList(1, request.networks().size()) : List.of();
        for (ContainerRequest.Network network : more) {
            try {
                ContainerNetwork endpoint = new ContainerNetwork().withAliases(network.aliases());
                if (!request.engine().links().isEmpty()) {
                    endpoint.withLinks(request.engine().links().stream()
                            .map(com.github.dockerjava.api.model.Link::parse).toList());
                }
                if (network.ipv4Address() != null) {
                    endpoint.withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(network.ipv4Address()));
                }
                client.connectToNetworkCmd().withContainerId(id).withNetworkId(network.name())
                        .withContainerNetwork(endpoint).exec();
            } catch (RuntimeException e) {
                // a half-wired container must not linger under barge's labels
                removeQuietly(id);
                throw errors.translate("connect container " + request.name() + " to network " + network.name(), e);
            }
        }
        return id;
    }

    @Override
    public void copyFiles(String containerId, List<FileMount> files) {
        if (files.isEmpty()) {
            return;
        }
        byte[] tar = FileArchive.tar(containerId, files);
        try {
            client.copyArchiveToContainerCmd(containerId).withRemotePath("/")
                    .withTarInputStream(new ByteArrayInputStream(tar)).exec();
        } catch (RuntimeException e) {
            throw errors.translate("put " + files.size() + " config/secret file(s) into container " + containerId, e);
        }
    }

    @Override
    public void start(String containerId) {
        try {
            client.startContainerCmd(containerId).exec();
        } catch (NotModifiedException alreadyRunning) {
            // starting a running container is a no-op
        } catch (RuntimeException e) {
            throw errors.translate("start container " + containerId, e);
        }
    }

    @Override
    public void stop(String containerId, Duration timeout) {
        try {
            client.stopContainerCmd(containerId).withTimeout(CreateCommands.seconds(timeout)).exec();
        } catch (NotModifiedException alreadyStopped) {
            // stopping a stopped container is a no-op
        } catch (NotFoundException alreadyGone) {
            // so is stopping one removed meanwhile (by hand, between plan and apply): deleting it is then done
        } catch (RuntimeException e) {
            throw errors.translate("stop container " + containerId, e);
        }
    }

    @Override
    public void remove(String containerId, boolean removeVolumes) {
        try {
            client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(removeVolumes).exec();
        } catch (NotFoundException alreadyGone) {
            // removing a missing container is a no-op
        } catch (RuntimeException e) {
            // a container its restart policy is about to restart cannot always be killed at that moment
            // ("Could not kill running container ... is not running"); stopped, it stays down and goes
            removeAfterStop(containerId, removeVolumes, e);
        }
    }

    private void removeAfterStop(String containerId, boolean removeVolumes, RuntimeException first) {
        try {
            client.stopContainerCmd(containerId).withTimeout(0).exec();
        } catch (RuntimeException e) {
            // already stopped or gone: the second removal says what is wrong, if anything
        }
        try {
            client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(removeVolumes).exec();
        } catch (NotFoundException alreadyGone) {
            // removed meanwhile
        } catch (RuntimeException e) {
            throw errors.translate("remove container " + containerId, first);
        }
    }

    @Override
    public Map<String, String> anonymousVolumes(String containerId) {
        try {
            Map<String, String> volumes = new TreeMap<>();
            var mounts = client.inspectContainerCmd(containerId).exec().getMounts();
            for (var m : mounts == null ? List.<com.github.dockerjava.api.command.InspectContainerResponse.Mount>of() : mounts) {
                // the engine names an anonymous volume with 64 hex digits; a named one is never taken
                if (m.getName() != null && ANONYMOUS.matcher(m.getName()).matches() && m.getDestination() != null) {
                    volumes.put(m.getDestination().getPath(), m.getName());
                }
            }
            return volumes;
        } catch (NotFoundException gone) {
            return Map.of();
        } catch (RuntimeException e) {
            throw errors.translate("inspect container " + containerId, e);
        }
    }

    @Override
    public void rename(String containerId, String newName) {
        try {
            client.renameContainerCmd(containerId).withName(newName).exec();
        } catch (RuntimeException e) {
            throw errors.translate("rename container " + containerId + " to " + newName, e);
        }
    }

    @Override
    public ContainerStatus inspect(String containerId) {
        try {
            return Observer.status(client.inspectContainerCmd(containerId).exec());
        } catch (RuntimeException e) {
            throw errors.translate("inspect container " + containerId, e);
        }
    }

    @Override
    public List<String> logs(String containerId, int tailLines) {
        return streams.logs(containerId, tailLines);
    }

    @Override
    public LogStream followLogs(String containerId, int tailLines, Consumer<String> lines) {
        return streams.follow(containerId, tailLines, lines);
    }

    @Override
    public Optional<Integer> waitForExit(String containerId, Duration timeout) {
        return streams.waitForExit(containerId, timeout);
    }

    @Override
    public String createNetwork(NetworkSpec spec, Map<String, String> labels) {
        if (spec.external()) {
            throw BargeException.badInput("network " + spec.name() + " is external: barge uses it but does not create it;"
                    + " create it with docker network create");
        }
        Map<String, String> all = new TreeMap<>(spec.labels());
        all.putAll(labels);
        try {
            var cmd = client.createNetworkCmd().withName(spec.name())
                    .withDriver(spec.driver() == null ? "bridge" : spec.driver())
                    .withInternal(spec.internal()).withOptions(spec.driverOpts()).withLabels(all)
                    .withCheckDuplicate(true);
            if (spec.ipam() != null) {
                cmd.withIpam(new Network.Ipam().withDriver(spec.ipam().driver() == null ? "default" : spec.ipam().driver())
                        .withConfig(spec.ipam().pools().stream().map(p -> new Network.Ipam.Config().withSubnet(p.subnet())
                                .withGateway(p.gateway()).withIpRange(p.ipRange())).toList()));
            }
            return cmd.exec().getId();
        } catch (RuntimeException e) {
            throw errors.translate("create network " + spec.name(), e);
        }
    }

    @Override
    public void removeNetwork(String nameOrId) {
        try {
            client.removeNetworkCmd(nameOrId).exec();
        } catch (NotFoundException alreadyGone) {
            // removing a missing network is a no-op
        } catch (RuntimeException e) {
            throw errors.translate("remove network " + nameOrId + " (containers still attached?)", e);
        }
    }

    @Override
    public String createVolume(VolumeSpec spec, Map<String, String> labels) {
        if (spec.external()) {
            throw BargeException.badInput("volume " + spec.name() + " is external: barge uses it but does not create it;"
                    + " create it with docker volume create");
        }
        Map<String, String> all = new TreeMap<>(spec.labels());
        all.putAll(labels);
        // the engine hands back an existing volume of that name as if it had created it: barge would
        // then mount data it never owned, so only a name that is free is created
        if (exists(spec.name())) {
            throw new BargeException(Failure.REFUSED, "volume " + spec.name() + " already exists and this barge"
                    + " did not create it, so barge leaves it alone: rename the stack's volume, declare it"
                    + " external: true if the stack should use it, or remove it with docker volume rm");
        }
        try {
            return client.createVolumeCmd().withName(spec.name()).withDriver(spec.driver() == null ? "local" : spec.driver())
                    .withDriverOpts(spec.driverOpts()).withLabels(all).exec().getName();
        } catch (RuntimeException e) {
            throw errors.translate("create volume " + spec.name(), e);
        }
    }

    private boolean exists(String volume) {
        try {
            client.inspectVolumeCmd(volume).exec();
            return true;
        } catch (NotFoundException free) {
            return false;
        } catch (RuntimeException e) {
            throw errors.translate("inspect volume " + volume, e);
        }
    }

    @Override
    public void removeVolume(String name) {
        try {
            client.removeVolumeCmd(name).exec();
        } catch (NotFoundException alreadyGone) {
            // removing a missing volume is a no-op
        } catch (RuntimeException e) {
            throw errors.translate("remove volume " + name + " (a container still uses it?)", e);
        }
    }

    @Override
    public AutoCloseable events(EngineEvents listener) {
        return new EventFeed(EngineEventStream.of(client), listener, d -> Thread.sleep(d.toMillis())).start();
    }

    @Override
    public void close() {
        EngineConnection.closeQuietly(client);
    }

    private void removeQuietly(String containerId) {
        try {
            client.removeContainerCmd(containerId).withForce(true).exec();
        } catch (RuntimeException e) {
            // the original failure is what the caller needs to see
        }
    }
}
