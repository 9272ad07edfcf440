package dev.barge.source;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;

/**
 * Checks an SSH commit signature as {@code git verify-commit} does with {@code gpg.format=ssh}: the
 * SSHSIG must be made for namespace "git", verify over the commit payload, and its key must be
 * listed in the allowed_signers file for that namespace at the time given (now: unlike git, not the
 * commit's committer time, which its author chose). The file is read at every check, so an edit takes
 * effect without a restart.
 */
final class SshSignatureVerifier {
    static final String NAMESPACE = "git";

    private final Path allowedSigners;

    SshSignatureVerifier(Path allowedSigners) {
        this.allowedSigners = allowedSigners.toAbsolutePath().normalize();
    }

    Path allowedSigners() {
        return allowedSigners;
    }

    SignatureVerdict verify(byte[] payload, String armoredSignature, Instant now) {
        AllowedSigners trusted = AllowedSigners.read(allowedSigners);
        SshSignature signature;
        try {
            signature = SshSignature.parse(armoredSignature);
        } catch (IllegalArgumentException e) {
            return new SignatureVerdict.Refused("the SSH signature cannot be read: " + e.getMessage());
        }
        String fingerprint = SshKeys.fingerprint(signature.publicKey());
        if (!NAMESPACE.equals(signature.namespace())) {
            return new SignatureVerdict.Refused("the SSH signature by " + fingerprint + " was made for namespace '"
                    + signature.namespace() + "', not 'git'");
        }
        try {
            if (!signature.verifies(payload)) {
                return new SignatureVerdict.Refused("the SSH signature by " + fingerprint
                        + " does not match the commit (changed after signing, or a corrupt signature)");
            }
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return new SignatureVerdict.Refused("the SSH signature by " + fingerprint + " cannot be checked: " + e.getMessage());
        }
        AllowedSigners.Lookup lookup = trusted.find(signature.publicKey(), NAMESPACE, now);
        if (lookup instanceof AllowedSigners.Lookup.Allowed allowed) {
            return new SignatureVerdict.Verified(allowed.entry().principals(), fingerprint, SignatureVerdict.Format.SSH);
        }
        return new SignatureVerdict.Refused("signed by SSH key " + fingerprint + ", which is "
                + ((AllowedSigners.Lookup.NotAllowed) lookup).reason());
    }
}
