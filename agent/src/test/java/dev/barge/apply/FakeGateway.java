package dev.barge.apply;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.NetworkSpec;
import dev.barge.config.model.ServiceSpec.FileMount;
import dev.barge.config.model.VolumeSpec;
import dev.barge.docker.ActualState;
import dev.barge.docker.ActualState.Status;
import dev.barge.docker.ContainerRequest;
import dev.barge.docker.ContainerStatus;
import dev.barge.docker.DockerGateway;
import dev.barge.docker.EngineInfo;
import dev.barge.docker.LogStream;
import dev.barge.docker.OwnershipLabels;
import dev.barge.docker.RegistryCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An in-memory engine for the applier's sequencing tests: it records every call as a short line
 * ({@code create web-1}, {@code rename id1 web-1-barge-old}) and gives containers a scripted state
 * when started (running, or exited with a code). The real engine is exercised by {@code ApplierIT}.
 */
public final class FakeGateway implements DockerGateway {

    public final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    public final Set<String> localImages = Collections.synchronizedSet(new HashSet<>());
    /** How often the engine was observed: once per plan. */
    public final java.util.concurrent.atomic.AtomicInteger observations = new java.util.concurrent.atomic.AtomicInteger();
    final Set<String> unpullable = new HashSet<>();
    /** The runtimes the engine says it has; null: it cannot say. */
    Set<String> runtimes;
    /** A local image's {@code os/arch} by reference; one not listed reports no platform. */
    final Map<String, String> localPlatforms = new HashMap<>();
    /** Container name → exit code it exits with once started; absent: it keeps running. */
    public final Map<String, Integer> exitsWith = new HashMap<>();
    final Map<String, Fake> containers = new HashMap<>();
    /** The last create request per container name. */
    public final Map<String, ContainerRequest> requests = new HashMap<>();
    private final List<ActualState.Network> networks = new ArrayList<>();
    private final List<ActualState.Volume> volumes = new ArrayList<>();
    private int next = 1;

    static final class Fake {
        final String id;
        String name;
        Status status = Status.CREATED;
        Integer exitCode;
        /** Made by this apply (scripted exits apply to these only, not to containers put back). */
        boolean fresh;

        Fake(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    /** An existing running container, as a previous apply left it. */
    void running(String id, String name) {
        Fake f = new Fake(id, name);
        f.status = Status.RUNNING;
        containers.put(f.id, f);
    }

    Optional<Fake> byName(String name) {
        return containers.values().stream().filter(f -> f.name.equals(name)).findFirst();
    }

    private Fake find(String idOrName) {
        Fake f = containers.get(idOrName);
        if (f == null) {
            f = byName(idOrName).orElse(null);
        }
        if (f == null) {
            throw new BargeException(Failure.FAILED, "no such container " + idOrName);
        }
        return f;
    }

    @Override
    public EngineInfo engine() {
        throw new UnsupportedOperationException();
    }

    /**
     * The containers this fake created (with the labels and image of their request; a local image's id
     * is {@code sha256:local-<ref>}), the networks and volumes it created, and the local images named.
     */
    @Override
    public synchronized ActualState observe(Set<String> imageRefs) {
        observations.incrementAndGet();
        List<ActualState.Container> list = new ArrayList<>();
        containers.values().forEach(f -> {
            ContainerRequest r = requests.get(f.name);
            if (r == null || !f.fresh) {
                return;
            }
            Map<String, String> l = r.labels();
            list.add(new ActualState.Container(f.id, f.name, l.get(OwnershipLabels.STACK), l.get(OwnershipLabels.SERVICE),
                    l.get(OwnershipLabels.DEPLOYMENT), l.get(OwnershipLabels.SPEC), l.get(OwnershipLabels.COMMIT), r.image(),
                    imageId(r.image()), f.status, null, 0, f.exitCode, l));
        });
        List<ActualState.Image> images = imageRefs.stream().map(this::inspectImage).flatMap(Optional::stream).toList();
        return new ActualState(list, List.copyOf(networks), List.copyOf(volumes), images);
    }

    @Override
    public String pull(String imageRef, String platform, RegistryCredentials credentials) {
        calls.add("pull " + imageRef + (platform == null ? "" : " for " + platform)
                + (credentials == null ? "" : " as " + credentials.username()));
        if (platform != null) {
            localPlatforms.put(imageRef, platform);
        }
        if (unpullable.contains(imageRef)) {
            throw new BargeException(Failure.BAD_INPUT, "pull of " + imageRef + " failed: manifest unknown: check the image name and tag");
        }
        localImages.add(imageRef);
        return imageRef.replaceAll(":.*", "") + "@sha256:pulled";
    }

    @Override
    public Optional<Set<String>> runtimes() {
        return Optional.ofNullable(runtimes);
    }

    @Override
    public Optional<ActualState.Image> inspectImage(String ref) {
        boolean local = localImages.contains(ref) || localImages.contains(ref.replaceFirst("^sha256:local-", ""));
        if (!local) {
            return Optional.empty();
        }
        String platform = localPlatforms.get(ref);
        return Optional.of(platform == null ? new ActualState.Image(ref, imageId(ref), List.of())
                : new ActualState.Image(ref, imageId(ref), List.of(), platform.split("/")[0], platform.split("/")[1]));
    }

    /** A local image's id is {@code sha256:local-<ref>}; an image named by its id is that image. */
    private static String imageId(String ref) {
        return ref.startsWith("sha256:") ? ref : "sha256:local-" + ref;
    }

    @Override
    public synchronized String createContainer(ContainerRequest request) {
        calls.add("create " + request.name());
        // by the name the container ends up with: a replacement is created under a temporary one
        requests.put(request.name().replaceAll("-barge-new-[0-9a-f]+$", ""), request);
        if (byName(request.name()).isPresent()) {
            throw new BargeException(Failure.FAILED, "create container " + request.name() + " failed: name in use");
        }
        Fake f = new Fake("new" + next++, request.name());
        f.fresh = true;
        containers.put(f.id, f);
        return f.id;
    }

    @Override
    public synchronized void copyFiles(String containerId, List<FileMount> files) {
        if (!files.isEmpty()) {
            calls.add("copy " + find(containerId).name + " " + files.stream().map(FileMount::target).toList());
        }
    }

    @Override
    public synchronized void start(String containerId) {
        Fake f = find(containerId);
        calls.add("start " + f.name);
        // a replacement exits as its service's container would, under whatever name it starts
        Integer code = f.fresh ? exitsWith.get(f.name.replaceAll("-barge-new-[0-9a-f]+$", "")) : null;
        f.status = code == null ? Status.RUNNING : Status.EXITED;
        f.exitCode = code;
    }

    @Override
    public synchronized void stop(String containerId, Duration timeout) {
        Fake f = find(containerId);
        calls.add("stop " + f.name);
        if (f.status == Status.RUNNING) {
            f.status = Status.EXITED;
            f.exitCode = 137;
        }
    }

    @Override
    public synchronized void remove(String containerId, boolean removeVolumes) {
        Fake f = containers.get(containerId);
        if (f == null) {
            f = byName(containerId).orElse(null);
        }
        if (f != null) {
            calls.add("remove " + f.name);
            containers.remove(f.id);
        }
    }

    @Override
    public synchronized void rename(String containerId, String newName) {
        Fake f = find(containerId);
        calls.add("rename " + f.name + " " + newName);
        f.name = newName;
    }

    @Override
    public synchronized ContainerStatus inspect(String containerId) {
        Fake f = find(containerId);
        return new ContainerStatus(f.id, f.name, "sha256:img", f.status, null, 0, f.exitCode,
                f.status == Status.CREATED ? null : Instant.EPOCH, false, null);
    }

    @Override
    public synchronized List<String> logs(String containerId, int tailLines) {
        return List.of("log of " + find(containerId).name);
    }

    @Override
    public LogStream followLogs(String containerId, int tailLines, Consumer<String> lines) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized Optional<Integer> waitForExit(String containerId, Duration timeout) {
        Fake f = find(containerId);
        return f.status == Status.EXITED ? Optional.of(f.exitCode) : Optional.empty();
    }

    @Override
    public synchronized String createNetwork(NetworkSpec spec, Map<String, String> labels) {
        calls.add("create network " + spec.name());
        networks.add(new ActualState.Network("net-" + spec.name(), spec.name(), labels.get(OwnershipLabels.STACK), labels));
        return "net-" + spec.name();
    }

    @Override
    public synchronized void removeNetwork(String nameOrId) {
        calls.add("remove network " + nameOrId);
        networks.removeIf(n -> n.name().equals(nameOrId) || n.id().equals(nameOrId));
    }

    @Override
    public synchronized String createVolume(VolumeSpec spec, Map<String, String> labels) {
        calls.add("create volume " + spec.name());
        volumes.add(new ActualState.Volume(spec.name(), labels.get(OwnershipLabels.STACK), labels));
        return spec.name();
    }

    @Override
    public synchronized void removeVolume(String name) {
        calls.add("remove volume " + name);
        volumes.removeIf(v -> v.name().equals(name));
    }

    @Override
    public void close() {
    }

    @Override
    public AutoCloseable events(dev.barge.docker.EngineEvents listener) {
        return () -> { };
    }
}
