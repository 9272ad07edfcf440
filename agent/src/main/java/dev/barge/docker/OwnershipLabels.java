package dev.barge.docker;

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
}
