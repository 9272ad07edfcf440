package dev.barge.plan;

import java.util.Map;
import java.util.TreeMap;

/**
 * What barge recorded at its last apply on this node (the record stage produces it): the commit, and
 * the spec hash it gave each container, keyed by container name. The planner tells a config change
 * (the container's label equals the record) from a change made outside barge (it does not).
 */
public record PriorState(String appliedCommit, Map<String, String> specHashByContainer) {

    /** Nothing applied yet: every existing container is judged by its own labels. */
    public static final PriorState NONE = new PriorState(null, Map.of());

    public PriorState {
        specHashByContainer = java.util.Collections.unmodifiableMap(new TreeMap<>(specHashByContainer));
    }

    /** The spec hash recorded for the container, or null when barge recorded none. */
    public String recordedHash(String containerName) {
        return specHashByContainer.get(containerName);
    }
}
