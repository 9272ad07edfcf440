package dev.barge.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads everything with barge's {@link OwnershipLabels#MANAGED} label into an {@link ActualState}. The
 * label proves nothing; {@link Ownership#partition} then keeps what this barge instance owns
 * ({@link DockerGateway#observe(Set, Ownership)}).
 */
final class Observer {

    private static final List<String> MANAGED_FILTER = List.of(OwnershipLabels.MANAGED + "=true");
    /** What the engine reports as StartedAt for a container that never started. */
    private static final String NEVER = "0001-01-01T00:00:00Z";

    private final DockerClient client;
    private final EngineErrors errors;

    Observer(DockerClient client, EngineErrors errors) {
        this.client = client;
        this.errors = errors;
    }

    ActualState observe(Set<String> imageRefs) {
        try {
            List<ActualState.Container> containers = containers();
            List<ActualState.Network> networks = client.listNetworksCmd().withFilter("label", MANAGED_FILTER).exec()
                    .stream()
                    .map(n -> new ActualState.Network(n.getId(), n.getName(), label(n.getLabels(), OwnershipLabels.STACK),
                            labels(n.getLabels())))
                    .toList();
            List<InspectVolumeResponse> found = client.listVolumesCmd().withFilter("label", MANAGED_FILTER).exec().getVolumes();
            List<ActualState.Volume> volumes = (found == null ? List.<InspectVolumeResponse>of() : found).stream()
                    .map(v -> new ActualState.Volume(v.getName(), label(v.getLabels(), OwnershipLabels.STACK), labels(v.getLabels())))
                    .toList();
            Set<String> refs = new TreeSet<>(imageRefs);
            containers.forEach(c -> refs.add(c.imageRef()));
            List<ActualState.Image> images = new ArrayList<>();
            for (String ref : refs) {
                image(ref).ifPresent(images::add);
            }
            return new ActualState(containers, networks, volumes, images);
        } catch (RuntimeException e) {
            throw errors.translate("reading barge's containers, networks and volumes", e);
        }
    }

    private List<ActualState.Container> containers() {
        List<ActualState.Container> containers = new ArrayList<>();
        for (Container listed : client.listContainersCmd().withShowAll(true).withFilter("label", MANAGED_FILTER).exec()) {
            InspectContainerResponse c;
            try {
                c = client.inspectContainerCmd(listed.getId()).exec();
            } catch (NotFoundException gone) {
                continue; // removed between list and inspect
            }
            Map<String, String> labels = labels(c.getConfig() == null ? null : c.getConfig().getLabels());
            ContainerStatus s = status(c);
            containers.add(new ActualState.Container(c.getId(), s.name(),
                    labels.get(OwnershipLabels.STACK), labels.get(OwnershipLabels.SERVICE),
                    labels.get(OwnershipLabels.DEPLOYMENT), labels.get(OwnershipLabels.SPEC),
                    labels.get(OwnershipLabels.COMMIT),
                    c.getConfig() != null && c.getConfig().getImage() != null ? c.getConfig().getImage() : listed.getImage(),
                    c.getImageId(), s.status(), s.health(), s.restartCount(), s.exitCode(), labels));
        }
        return containers;
    }

    Optional<ActualState.Image> image(String ref) {
        try {
            InspectImageResponse i = client.inspectImageCmd(ref).exec();
            List<String> digests = i.getRepoDigests() == null ? List.of() : i.getRepoDigests();
            return Optional.of(new ActualState.Image(ref, i.getId(), digests, i.getOs(), i.getArch()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    static ContainerStatus status(InspectContainerResponse c) {
        InspectContainerResponse.ContainerState state = c.getState();
        ActualState.Status status = status(state == null ? null : state.getStatus());
        boolean ended = status == ActualState.Status.EXITED || status == ActualState.Status.DEAD;
        Integer exitCode = ended && state.getExitCodeLong() != null ? Integer.valueOf(state.getExitCodeLong().intValue()) : null;
        String error = state == null || state.getError() == null || state.getError().isBlank() ? null
                : EngineErrors.oneLine(state.getError());
        return new ContainerStatus(c.getId(), name(c.getName()), c.getImageId(), status,
                health(state == null ? null : state.getHealth()),
                c.getRestartCount() == null ? 0 : c.getRestartCount(), exitCode,
                instant(state == null ? null : state.getStartedAt()),
                state != null && Boolean.TRUE.equals(state.getOOMKilled()), error);
    }

    private static ActualState.Status status(String engineStatus) {
        if (engineStatus == null) {
            return ActualState.Status.DEAD;
        }
        try {
            return ActualState.Status.valueOf(engineStatus.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ActualState.Status.DEAD;
        }
    }

    private static ActualState.Health health(HealthState health) {
        if (health == null || health.getStatus() == null) {
            return null;
        }
        return switch (health.getStatus()) {
            case "healthy" -> ActualState.Health.HEALTHY;
            case "unhealthy" -> ActualState.Health.UNHEALTHY;
            case "starting" -> ActualState.Health.STARTING;
            default -> null; // "none": the image's check was disabled
        };
    }

    private static Instant instant(String engineTime) {
        if (engineTime == null || engineTime.isBlank() || engineTime.equals(NEVER)) {
            return null;
        }
        try {
            return Instant.parse(engineTime);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The engine names containers "/name". */
    private static String name(String engineName) {
        return engineName != null && engineName.startsWith("/") ? engineName.substring(1) : engineName;
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : labels;
    }

    private static String label(Map<String, String> labels, String key) {
        return labels == null ? null : labels.get(key);
    }
}
