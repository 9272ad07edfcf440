package dev.barge.plan;

import dev.barge.config.model.NetworkSpec;
import java.util.Map;
import java.util.Objects;

/**
 * Creating a stack's network, or deleting one that no desired stack declares.
 *
 * @param desired   the network to create; null for DELETE
 * @param currentId the existing network's id; null for CREATE
 * @param labels    the labels of the network to create; empty otherwise
 */
public record NetworkChange(Address address, Action action, Reason reason, NetworkSpec desired, String currentId,
                           Map<String, String> labels) implements Change {

    public NetworkChange {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        labels = Map.copyOf(labels);
        if (address.kind() != Address.Kind.NETWORK) {
            throw new IllegalArgumentException("a network change needs a network address, not " + address);
        }
        if (action == Action.CREATE && desired == null) {
            throw new IllegalArgumentException("creating " + address + " needs its desired spec");
        }
    }
}
