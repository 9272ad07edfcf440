package dev.barge.decrypt;

import dev.barge.BargeException;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * An age X25519 identity held in memory. Only its recipient and where it came from are ever shown;
 * the secret key never leaves this package.
 */
public final class AgeIdentity {
    private final String secretKey;
    private final String recipient;
    private final String source;

    private AgeIdentity(String secretKey, String recipient, String source) {
        this.secretKey = secretKey;
        this.recipient = recipient;
        this.source = source;
    }

    /** Parses one {@code AGE-SECRET-KEY-1…} identity; {@code source} names where it came from, for messages. */
    public static AgeIdentity parse(String secretKey, String source) {
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(source, "source");
        String key = secretKey.strip();
        if (!key.toUpperCase(java.util.Locale.ROOT).startsWith(AgeKeys.SECRET_KEY_PREFIX)) {
            throw BargeException.badInput(source + " is not an age X25519 identity (AGE-SECRET-KEY-1…): fix it");
        }
        try {
            return new AgeIdentity(key, AgeKeys.recipientOf(key), source);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw BargeException.badInput(source + " is not a valid age identity (bad encoding or checksum):"
                    + " fix it or generate one with `barge secrets keygen`");
        }
    }

    /** The public age1… recipient that files must be encrypted for so that this identity can read them. */
    public String recipient() {
        return recipient;
    }

    /** Where the identity was read from (a file and line, or an environment variable). */
    public String source() {
        return source;
    }

    String secretKey() {
        return secretKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgeIdentity other && recipient.equals(other.recipient);
    }

    @Override
    public int hashCode() {
        return recipient.hashCode();
    }

    @Override
    public String toString() {
        return "age identity " + recipient + " (" + source + ")";
    }
}
