package dev.barge.docker;

import dev.barge.config.model.NetworkSpec;
import dev.barge.config.model.ServiceSpec.FileMount;
import dev.barge.config.model.VolumeSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Docker engine as barge uses it: plain values in and out, no docker-java types. Every failure is
 * a {@link dev.barge.BargeException} with a one-line message; an engine that does not answer is
 * {@link dev.barge.Failure#RETRY_LATER}. Removing something that is already gone succeeds, so cleanup
 * and retries are idempotent.
 */
public interface DockerGateway extends AutoCloseable {

    /** Where the engine is, its version and the negotiated API version. */
    EngineInfo engine();

    /** The engine's data directory (/var/lib/docker), for a free-space check; empty when it cannot say. */
    default Optional<String> rootDir() {
        return Optional.empty();
    }

    /** The container runtimes the engine has, by the names {@code runtime:} uses; empty when it cannot say. */
    default Optional<Set<String>> runtimes() {
        return Optional.empty();
    }

    /**
     * Every container (running or not), network and volume with the {@link OwnershipLabels#MANAGED}
     * label, and the local images for {@code imageRefs} plus those the containers use (refs that are not
     * present locally are left out). The label proves nothing: this is for read-only views (status,
     * logs); whatever plans changes reads through {@link #observe(Set, Ownership)}.
     */
    ActualState observe(Set<String> imageRefs);

    /**
     * Like {@link #observe(Set)}, with what this barge instance cannot prove it created moved out of the
     * containers, networks and volumes into {@link ActualState#unowned()}: plan and apply never see it.
     */
    default ActualState observe(Set<String> imageRefs, Ownership ownership) {
        return ownership.partition(observe(imageRefs));
    }

    /**
     * Pulls {@code imageRef} (a tag defaults to {@code latest}) and returns its repo digest
     * ({@code name@sha256:...}), or the image id when the image has none. {@code credentials} is null
     * for an anonymous pull. {@code platform} ({@code os[/arch[/variant]]}, a service's {@code platform:})
     * asks the registry for that platform's image; null takes the engine's own.
     */
    String pull(String imageRef, String platform, RegistryCredentials credentials);

    /** The local image {@code ref} names, or empty when it is not present. */
    Optional<ActualState.Image> inspectImage(String ref);

    /** Creates (does not start) the container, joined to all its networks; returns its id. */
    String createContainer(ContainerRequest request);

    /**
     * Puts config files into a created container through the Engine API, from an in-memory archive.
     * Call it before {@link #start}. A file without mode gets 0444, without uid/gid root's. Not for
     * secrets: the engine writes what it receives into the container's writable layer, on the host's
     * disk; apply bind-mounts secrets read-only from its tmpfs instead.
     */
    void copyFiles(String containerId, List<FileMount> files);

    /** Starts the container; starting a running one is a no-op. */
    void start(String containerId);

    /** Stops it, killing it after {@code timeout}; stopping a stopped or missing one is a no-op. */
    void stop(String containerId, Duration timeout);

    /** Force-removes the container, and its anonymous volumes when asked; a missing one is a no-op. */
    void remove(String containerId, boolean removeVolumes);

    void rename(String containerId, String newName);

    /**
     * The container's anonymous volumes (named by the engine), by the path they are mounted at; empty for a
     * missing container. Apply hands them to a replacement, as Compose does, and removes them on delete.
     */
    default Map<String, String> anonymousVolumes(String containerId) {
        return Map.of();
    }

    /** The container's state; a missing container is a {@link dev.barge.Failure#FAILED}. */
    ContainerStatus inspect(String containerId);

    /** The last {@code tailLines} lines of stdout and stderr, oldest first. */
    List<String> logs(String containerId, int tailLines);

    /**
     * Streams the last {@code tailLines} lines and everything the container prints afterwards to
     * {@code lines}, one call per line, on a background thread, until the returned stream is closed.
     */
    LogStream followLogs(String containerId, int tailLines, Consumer<String> lines);

    /**
     * Waits for a started container to exit and returns its exit code, or empty when it is still
     * running after {@code timeout}. For one-shot jobs.
     */
    Optional<Integer> waitForExit(String containerId, Duration timeout);

    /** Creates the network with the spec's labels plus {@code labels}; returns its id. */
    String createNetwork(NetworkSpec spec, Map<String, String> labels);

    /** Removes a network by name or id; a missing one is a no-op, one still in use a failure. */
    void removeNetwork(String nameOrId);

    /** Creates the named volume with the spec's labels plus {@code labels}; returns its engine name. */
    String createVolume(VolumeSpec spec, Map<String, String> labels);

    /** Removes a named volume; a missing one is a no-op, one still in use a failure. */
    void removeVolume(String name);

    /**
     * Streams die, stop, destroy and health_status: unhealthy events of barge-owned containers to
     * {@code listener} on a background thread, reopening the stream when the engine restarts, until
     * the returned handle is closed.
     */
    AutoCloseable events(EngineEvents listener);

    @Override
    void close();
}
