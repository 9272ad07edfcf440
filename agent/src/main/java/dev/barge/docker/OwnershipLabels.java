package dev.barge.docker;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The labels that mark what barge owns in the engine (DESIGN.md, Ownership and naming). */
public final class OwnershipLabels {
    public static final String MANAGED = "dev.barge.managed";
    public static final String STACK = "dev.barge.stack";
    public static final String SERVICE = "dev.barge.service";
    public static final String DEPLOYMENT = "dev.barge.deployment";
    /** Deterministic hash of the resolved service spec (secrets only through a keyed hash). */
    public static final String SPEC = "dev.barge.spec";
    public static final String COMMIT = "dev.barge.commit";
    public static final String COMPOSE_PROJECT = "com.docker.compose.project";
    public static final String COMPOSE_SERVICE = "com.docker.compose.service";

    private OwnershipLabels() {
    }

    /** The labels of a network or volume that belongs to a stack. */
    public static Map<String, String> forStack(String deployment, String stack) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(MANAGED, "true");
        labels.put(DEPLOYMENT, Objects.requireNonNull(deployment, "deployment"));
        labels.put(STACK, Objects.requireNonNull(stack, "stack"));
        labels.put(COMPOSE_PROJECT, stack);
        return Map.copyOf(labels);
    }

    /** The labels of a service's container; {@code commit} is the config commit it was applied from. */
    public static Map<String, String> forContainer(String deployment, String stack, String service, String specHash,
                                                   String commit) {
        Map<String, String> labels = new TreeMap<>(forStack(deployment, stack));
        labels.put(SERVICE, Objects.requireNonNull(service, "service"));
        labels.put(COMPOSE_SERVICE, service);
        labels.put(SPEC, Objects.requireNonNull(specHash, "specHash"));
        labels.put(COMMIT, Objects.requireNonNull(commit, "commit"));
        return Map.copyOf(labels);
    }
}
