package dev.barge.plan;

import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.docker.OwnershipLabels;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A change to one service's container. For CREATE and REPLACE it carries everything apply needs to
 * build the new container, so apply executes exactly what plan showed: the desired {@code stack} and
 * {@code service}, the {@code specHash} and the complete {@code labels} to put on it.
 *
 * @param containerName the engine name of the desired container (for DELETE: of the existing one)
 * @param currentId     the existing container's id; null for CREATE
 * @param stack         the desired stack; null for DELETE
 * @param service       the desired service; null for DELETE
 * @param specHash      the desired spec hash; null for DELETE
 * @param labels        the labels of the container to create; empty unless CREATE or REPLACE
 */
public record ContainerChange(Address address, Action action, Reason reason, List<AttributeDiff> diffs,
                              String containerName, String currentId, StackSpec stack, ServiceSpec service,
                              String specHash, Map<String, String> labels) implements Change {

    /**
     * Appended to a container's name while its replacement is tried (apply parks the old one so the
     * new one can take the name). A container named so outlives its replace only when the apply died.
     */
    public static final String PARKED_SUFFIX = OwnershipLabels.PARKED_SUFFIX;

    public ContainerChange {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(containerName, "containerName");
        diffs = List.copyOf(diffs);
        labels = Map.copyOf(labels);
        if (address.kind() != Address.Kind.CONTAINER) {
            throw new IllegalArgumentException("a container change needs a container address, not " + address);
        }
        boolean builds = action == Action.CREATE || action == Action.REPLACE;
        if (builds && (service == null || stack == null || specHash == null || labels.isEmpty())) {
            throw new IllegalArgumentException(action + " of " + address + " needs the desired stack, service, hash and labels");
        }
        if (action != Action.CREATE && action != Action.NONE && currentId == null) {
            throw new IllegalArgumentException(action + " of " + address + " needs the existing container's id");
        }
    }

    /**
     * This change run from another image reference, e.g. the digest a rollback restores. Labels and
     * spec hash stay those of the planned spec, so the container is the same one the commit made.
     */
    public ContainerChange withImage(String imageRef) {
        if (service == null) {
            throw new IllegalStateException(action + " of " + address + " runs no image");
        }
        return new ContainerChange(address, action, reason, diffs, containerName, currentId, stack,
                service.withImage(imageRef), specHash, labels);
    }

    @Override
    public String toString() {
        // labels may hold values that came from secrets; the service prints only its name and image
        return "ContainerChange[" + action + " " + address + " (" + reason.code() + "), " + diffs.size() + " diffs]";
    }
}
