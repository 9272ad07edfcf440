package dev.barge.plan;

import dev.barge.docker.OwnershipLabels;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 32-byte key that secret values enter the spec hash through (HMAC-SHA256). It lives in the state
 * dir, so a hash in a container label cannot be brute-forced back to a short password by whoever can
 * read labels. The plan only receives the bytes.
 */
public final class HashKey {
    public static final int LENGTH = 32;
    public static final String PREFIX = "hmac-sha256:";

    private final byte[] key;

    private HashKey(byte[] key) {
        this.key = key;
    }

    public static HashKey of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a hash key has " + LENGTH + " bytes, got "
                    + (bytes == null ? "none" : bytes.length) + ": recreate the key file in the state dir");
        }
        return new HashKey(bytes.clone());
    }

    /** {@code hmac-sha256:<hex>} of the value, bound to its attribute path so equal secrets in two places differ. */
    public String mac(String path, byte[] value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(path.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(value));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no HmacSHA256", e);
        }
    }

    /** The {@link OwnershipLabels#OWNER} proof of the state dir this key is from. */
    public String owner() {
        return OwnershipLabels.ownerProof(key);
    }

    public String mac(String path, String value) {
        return mac(path, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "HashKey[(sensitive)]";
    }
}
