package dev.barge.docker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which of the engine's barge-labelled objects this barge instance may change. Labels alone prove
 * nothing (an image's LABEL or a person can set {@code dev.barge.managed=true}), so everything this
 * instance creates also carries {@link OwnershipLabels#OWNER}, derived from its state dir's key; a
 * barge with another state dir has another proof. Objects made by a barge from before the proof
 * existed carry none: they are adopted when this state dir's record names them (containers by name,
 * networks and volumes by stack), so that an upgrade neither orphans nor recreates a running node.
 *
 * @param proof              this instance's {@link OwnershipLabels#OWNER} value
 * @param recordedContainers the container names this state dir recorded at its last apply
 * @param recordedStacks     the stacks this state dir recorded at its last apply
 */
public record Ownership(String proof, Set<String> recordedContainers, Set<String> recordedStacks) {

    public Ownership {
        Objects.requireNonNull(proof, "proof");
        if (proof.isBlank()) {
            throw new IllegalArgumentException("an owner proof is never blank");
        }
        recordedContainers = Set.copyOf(recordedContainers);
        recordedStacks = Set.copyOf(recordedStacks);
    }

    /** The ownership of the state dir whose key is {@code stateKey}. */
    public static Ownership of(byte[] stateKey, Set<String> recordedContainers, Set<String> recordedStacks) {
        return new Ownership(OwnershipLabels.ownerProof(stateKey), recordedContainers, recordedStacks);
    }

    /**
     * Splits what the engine has under barge's labels into what this instance owns (containers, networks,
     * volumes; adopted ones also listed in {@code adopted}) and what it must leave alone ({@code unowned}).
     */
    public ActualState partition(ActualState labelled) {
        List<ActualState.Unowned> unowned = new ArrayList<>(labelled.unowned());
        List<ActualState.Adopted> adopted = new ArrayList<>(labelled.adopted());
        List<ActualState.Container> containers = new ArrayList<>();
        for (ActualState.Container c : labelled.containers()) {
            if (owns(ActualState.Kind.CONTAINER, c.name(), c.stack(), c.labels(), unowned, adopted)) {
                containers.add(c);
            }
        }
        // the networks and volumes of an adopted container's stack are that earlier barge's too
        Set<String> stacks = new HashSet<>(recordedStacks);
        adopted.stream().filter(a -> a.stack() != null).forEach(a -> stacks.add(a.stack()));
        Ownership withStacks = new Ownership(proof, recordedContainers, stacks);
        List<ActualState.Network> networks = new ArrayList<>();
        for (ActualState.Network n : labelled.networks()) {
            if (withStacks.owns(ActualState.Kind.NETWORK, n.name(), n.stack(), n.labels(), unowned, adopted)) {
                networks.add(n);
            }
        }
        List<ActualState.Volume> volumes = new ArrayList<>();
        for (ActualState.Volume v : labelled.volumes()) {
            if (withStacks.owns(ActualState.Kind.VOLUME, v.name(), v.stack(), v.labels(), unowned, adopted)) {
                volumes.add(v);
            }
        }
        return new ActualState(containers, networks, volumes, labelled.images(), unowned, adopted);
    }

    private boolean owns(ActualState.Kind kind, String name, String stack, Map<String, String> labels,
                         List<ActualState.Unowned> unowned, List<ActualState.Adopted> adopted) {
        String owner = labels.get(OwnershipLabels.OWNER);
        if (proof.equals(owner)) {
            return true;
        }
        if (owner == null && recorded(kind, name, stack)) {
            adopted.add(new ActualState.Adopted(kind, name, stack));
            return true;
        }
        unowned.add(new ActualState.Unowned(kind, name, stack, owner != null));
        return false;
    }

    /** What an earlier barge made for this state dir: a recorded container (or its parked old self), or a recorded stack's network or volume. */
    private boolean recorded(ActualState.Kind kind, String name, String stack) {
        if (kind == ActualState.Kind.CONTAINER) {
            if (name == null) {
                return false;
            }
            String unparked = name.endsWith(OwnershipLabels.PARKED_SUFFIX)
                    ? name.substring(0, name.length() - OwnershipLabels.PARKED_SUFFIX.length()) : name;
            return recordedContainers.contains(name) || recordedContainers.contains(unparked);
        }
        return stack != null && recordedStacks.contains(stack);
    }
}
