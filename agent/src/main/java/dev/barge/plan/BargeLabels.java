package dev.barge.plan;

import dev.barge.config.model.NetworkSpec;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.config.model.VolumeSpec;
import dev.barge.docker.OwnershipLabels;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels apply puts on what it creates: the user's labels, then barge's ownership labels (which
 * win on a clash), so observe finds them again and the next plan can compare; {@code owner} is this
 * instance's proof ({@link HashKey#owner()}), without which observe treats the object as not barge's.
 */
public final class BargeLabels {
    /** The canonical spec (secrets already keyed-hashed) as compact JSON; the next plan diffs against it. */
    public static final String APPLIED = "dev.barge.applied";
    /** The service's depends_on targets, comma-separated, so deletes can run in reverse dependency order. */
    public static final String DEPENDS_ON = "dev.barge.depends_on";
    public static final String COMPOSE_NETWORK = "com.docker.compose.network";
    public static final String COMPOSE_VOLUME = "com.docker.compose.volume";

    private BargeLabels() {
    }

    /** Every label of the container for {@code service} of {@code stack}, created at {@code commit} (nullable). */
    public static Map<String, String> labelsFor(StackSpec stack, ServiceSpec service, String commit, HashKey key) {
        return forContainer(stack, service, CanonicalSpec.of(stack, service, key), commit, key.owner());
    }

    static Map<String, String> forContainer(StackSpec stack, ServiceSpec service, CanonicalSpec spec, String commit,
                                            String owner) {
        Map<String, String> labels = new TreeMap<>(service.labels());
        owned(labels, stack, owner);
        labels.put(OwnershipLabels.SERVICE, service.name());
        labels.put(OwnershipLabels.COMPOSE_SERVICE, service.name());
        labels.put(OwnershipLabels.SPEC, spec.hash());
        labels.put(APPLIED, spec.toLabel());
        if (commit != null) {
            labels.put(OwnershipLabels.COMMIT, commit);
        }
        if (!service.dependsOn().isEmpty()) {
            labels.put(DEPENDS_ON, String.join(",", service.dependsOn().keySet()));
        }
        return labels;
    }

    public static Map<String, String> forNetwork(StackSpec stack, NetworkSpec network, String owner) {
        Map<String, String> labels = new TreeMap<>(network.labels());
        owned(labels, stack, owner);
        labels.put(COMPOSE_NETWORK, network.key());
        return labels;
    }

    public static Map<String, String> forVolume(StackSpec stack, VolumeSpec volume, String owner) {
        Map<String, String> labels = new TreeMap<>(volume.labels());
        owned(labels, stack, owner);
        labels.put(COMPOSE_VOLUME, volume.key());
        return labels;
    }

    private static void owned(Map<String, String> labels, StackSpec stack, String owner) {
        labels.put(OwnershipLabels.MANAGED, "true");
        labels.put(OwnershipLabels.OWNER, owner);
        labels.put(OwnershipLabels.STACK, stack.name());
        labels.put(OwnershipLabels.COMPOSE_PROJECT, stack.name());
        if (stack.deployment() != null) {
            labels.put(OwnershipLabels.DEPLOYMENT, stack.deployment());
        }
    }
}
