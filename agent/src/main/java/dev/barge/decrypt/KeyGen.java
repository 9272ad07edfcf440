package dev.barge.decrypt;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** New age X25519 identities, written in age-keygen's file format. */
public final class KeyGen {

    private KeyGen() {
    }

    /** A new identity; {@link #fileText()} is what belongs in the identity file (keep it mode 0600). */
    public static final class GeneratedKey {
        private final String recipient;
        private final String fileText;

        private GeneratedKey(String recipient, String fileText) {
            this.recipient = recipient;
            this.fileText = fileText;
        }

        public String recipient() {
            return recipient;
        }

        /** The identity file's content: created time and public key as comments, then the secret key. */
        public String fileText() {
            return fileText;
        }

        @Override
        public String toString() {
            return "age identity for " + recipient;
        }
    }

    public static GeneratedKey generate(Clock clock) {
        String[] pair;
        try {
            pair = AgeKeys.generate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 key generation is not available in this JVM", e);
        }
        String created = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS));
        String text = "# created: " + created + "\n# public key: " + pair[1] + "\n" + pair[0] + "\n";
        return new GeneratedKey(pair[1], text);
    }
}
