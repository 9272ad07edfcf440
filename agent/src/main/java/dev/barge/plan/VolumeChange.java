package dev.barge.plan;

import dev.barge.config.model.VolumeSpec;
import java.util.Map;
import java.util.Objects;

/**
 * Creating a stack's named volume, or removing one. A volume no longer in the config is reported with
 * action NONE and reason {@link Reason.RemovedFromConfig}: named volumes hold data, so a plan deletes
 * one only when asked ({@link PlanOptions#removeVolumes()}), and apply removes no volume it does not list.
 *
 * @param desired the volume to create; null otherwise
 * @param labels  the labels of the volume to create; empty otherwise
 */
public record VolumeChange(Address address, Action action, Reason reason, VolumeSpec desired,
                           Map<String, String> labels) implements Change {

    public VolumeChange {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        labels = Map.copyOf(labels);
        if (address.kind() != Address.Kind.VOLUME) {
            throw new IllegalArgumentException("a volume change needs a volume address, not " + address);
        }
        if (action == Action.REPLACE || action == Action.START) {
            throw new IllegalArgumentException("a plan never does " + action + " on " + address + ": named volumes keep data");
        }
        if (action == Action.DELETE && !(reason instanceof Reason.RemovedFromConfig)) {
            throw new IllegalArgumentException("a plan deletes " + address + " only when it is removed from the config");
        }
        if (action == Action.CREATE && desired == null) {
            throw new IllegalArgumentException("creating " + address + " needs its desired spec");
        }
    }
}
