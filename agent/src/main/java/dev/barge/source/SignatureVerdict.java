package dev.barge.source;

import java.util.Objects;

/**
 * What signed-commit verification said about a commit. With {@code source.verify} unset every
 * commit is {@link NotChecked}; with it set a commit is used only when {@link Verified}.
 */
public sealed interface SignatureVerdict {

    /** The key format that made a signature. */
    enum Format {
        SSH, GPG
    }

    /** One line for status output and history. */
    String describe();

    /** True when the commit may be used: verification was off, or it passed. */
    default boolean trusted() {
        return !(this instanceof Refused);
    }

    /** Verification is not configured ({@code source.verify} unset). */
    record NotChecked() implements SignatureVerdict {
        public static final NotChecked INSTANCE = new NotChecked();

        @Override
        public String describe() {
            return "signature not checked";
        }
    }

    /**
     * Signed by a trusted key. {@code signer}: the allowed_signers principals (ssh) or the key's user
     * id (gpg); {@code fingerprint}: {@code SHA256:...} (ssh) or the hex key fingerprint (gpg).
     */
    record Verified(String signer, String fingerprint, Format format) implements SignatureVerdict {
        public Verified {
            Objects.requireNonNull(signer, "signer");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(format, "format");
        }

        @Override
        public String describe() {
            return "signed by " + signer + " (" + format.name().toLowerCase(java.util.Locale.ROOT) + " key " + fingerprint + ")";
        }
    }

    /** Unsigned, signed by an unknown key, or a bad signature; {@code reason} says which. */
    record Refused(String reason) implements SignatureVerdict {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String describe() {
            return "signature refused: " + reason;
        }
    }
}
