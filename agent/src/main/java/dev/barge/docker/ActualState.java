package dev.barge.docker;

import java.util.List;
import java.util.Map;

/**
 * What barge-owned objects exist in the engine, read by label; plain values, no docker-java types.
 * Once {@link Ownership#partition partitioned}, {@code containers}, {@code networks} and {@code volumes}
 * hold only what this barge instance owns (including what it {@code adopted} from an earlier barge),
 * and {@code unowned} what carries barge's labels without its proof: reported, never changed.
 */
public record ActualState(List<Container> containers, List<Network> networks, List<Volume> volumes, List<Image> images,
                          List<Unowned> unowned, List<Adopted> adopted) {

    public static final ActualState EMPTY = new ActualState(List.of(), List.of(), List.of(), List.of());

    public ActualState {
        containers = List.copyOf(containers);
        networks = List.copyOf(networks);
        volumes = List.copyOf(volumes);
        images = List.copyOf(images);
        unowned = List.copyOf(unowned);
        adopted = List.copyOf(adopted);
    }

    /** Everything read is owned, nothing adopted: a state not partitioned, or a test's. */
    public ActualState(List<Container> containers, List<Network> networks, List<Volume> volumes, List<Image> images) {
        this(containers, networks, volumes, images, List.of(), List.of());
    }

    public enum Kind { CONTAINER, NETWORK, VOLUME }

    /**
     * An object with barge's labels that this instance may not touch: created by another barge instance
     * (another state dir, {@code otherInstance}), or with no proof at all (an image's LABEL, a person).
     */
    public record Unowned(Kind kind, String name, String stack, boolean otherInstance) {
    }

    /**
     * An object an earlier barge created (it has no {@link OwnershipLabels#OWNER} label) that this
     * state dir's record names: owned, until a replace gives it the label.
     */
    public record Adopted(Kind kind, String name, String stack) {
    }

    /**
     * A container with barge's labels. {@code imageRef} is what it was created from ({@code busybox:1.36}),
     * {@code imageId} the image's id ({@code sha256:...}). {@code health} is null when the container
     * has no healthcheck.
     */
    public record Container(String id, String name, String stack, String service, String deployment, String specHash,
                            String commit, String imageRef, String imageId, Status status, Health health,
                            int restartCount, Integer exitCode, Map<String, String> labels) {
        public Container {
            labels = Map.copyOf(labels);
        }

        public boolean running() {
            return status == Status.RUNNING || status == Status.RESTARTING;
        }
    }

    public enum Status { CREATED, RUNNING, RESTARTING, PAUSED, EXITED, DEAD, REMOVING }

    public enum Health { STARTING, HEALTHY, UNHEALTHY }

    public record Network(String id, String name, String stack, Map<String, String> labels) {
        public Network {
            labels = Map.copyOf(labels);
        }
    }

    public record Volume(String name, String stack, Map<String, String> labels) {
        public Volume {
            labels = Map.copyOf(labels);
        }
    }

    /**
     * A local image that a barge container uses or a desired service names: {@code ref} as written
     * ({@code busybox:1.36}), its id, and its registry digests ({@code busybox@sha256:...}) when pulled.
     */
    /** A local image; {@code os} and {@code architecture} as the engine reports them, null when unknown. */
    public record Image(String ref, String id, List<String> repoDigests, String os, String architecture) {
        public Image {
            repoDigests = List.copyOf(repoDigests);
        }

        public Image(String ref, String id, List<String> repoDigests) {
            this(ref, id, repoDigests, null, null);
        }

        /**
         * True when this image runs as {@code platform} asks (null: any), as Compose decides whether a local
         * image will do; an image whose platform the engine did not report is taken as it is.
         */
        public boolean runsOn(String platform) {
            return platform == null || os == null || Platform.parse(platform).matches(os, architecture);
        }

        /** {@code os/architecture} as the engine reports it, for messages. */
        public String platform() {
            return os == null ? "an unknown platform" : architecture == null ? os : os + "/" + architecture;
        }
    }
}
