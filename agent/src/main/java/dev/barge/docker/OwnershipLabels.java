package dev.barge.docker;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The labels that mark what barge owns in the engine (DESIGN.md, Ownership and naming). {@link #MANAGED}
 * and the others only describe; anyone (an image's LABEL, a person, another barge) can set them.
 * {@link #OWNER} proves: see {@link Ownership}.
 */
public final class OwnershipLabels {
    public static final String MANAGED = "dev.barge.managed";
    /**
     * This barge instance's proof that it created the object: {@link #ownerProof} of its state dir's key,
     * which nothing in the config repo or the engine reveals.
     */
    public static final String OWNER = "dev.barge.owner";
    public static final String STACK = "dev.barge.stack";
    public static final String SERVICE = "dev.barge.service";
    public static final String DEPLOYMENT = "dev.barge.deployment";
    /** Deterministic hash of the resolved service spec (secrets only through a keyed hash). */
    public static final String SPEC = "dev.barge.spec";
    public static final String COMMIT = "dev.barge.commit";
    public static final String COMPOSE_PROJECT = "com.docker.compose.project";
    public static final String COMPOSE_SERVICE = "com.docker.compose.service";

    /**
     * Appended to a container's name while its replacement is tried (apply parks the old one so the
     * new one can take the name). A container named so outlives its replace only when the apply died.
     */
    public static final String PARKED_SUFFIX = "-barge-old";

    private static final int PROOF_HEX_DIGITS = 32;

    private OwnershipLabels() {
    }

    /**
     * The {@link #OWNER} value for the state dir whose key this is: the first 32 hex digits of
     * HMAC-SHA256(key, "barge owner"). One way, so a label read from the engine does not give the key
     * away; the key's other use (HMAC of an attribute path, a NUL and a value) never hashes this input.
     */
    public static String ownerProof(byte[] stateKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(stateKey, "HmacSHA256"));
            byte[] proof = mac.doFinal("barge owner".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(proof).substring(0, PROOF_HEX_DIGITS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no HmacSHA256", e);
        }
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
