package dev.barge.source;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a commit may be used, from {@code source.verify}: off means every commit is
 * {@link SignatureVerdict.NotChecked}; on means only a commit signed by a listed SSH or GPG key is
 * {@link SignatureVerdict.Verified} and everything else is {@link SignatureVerdict.Refused}.
 */
final class SignaturePolicy {
    static final SignaturePolicy OFF = new SignaturePolicy(null, null, Clock.systemUTC());

    private final SshSignatureVerifier ssh;
    private final GpgSignatureVerifier gpg;
    private final Clock clock;

    private SignaturePolicy(SshSignatureVerifier ssh, GpgSignatureVerifier gpg, Clock clock) {
        this.ssh = ssh;
        this.gpg = gpg;
        this.clock = clock;
    }

    static SignaturePolicy of(AgentConfig.Verify verify) {
        return of(verify, Clock.systemUTC());
    }

    /** @param clock the time keys must be valid at: now, not the commit's own (forgeable) committer time */
    static SignaturePolicy of(AgentConfig.Verify verify, Clock clock) {
        if (verify == null) {
            return OFF;
        }
        boolean noSsh = verify.allowedSigners() == null;
        boolean noGpg = verify.gpgKeys().isEmpty();
        if (noSsh && noGpg) {
            throw new BargeException(Failure.BAD_INPUT,
                    "source.verify is set but lists no keys: give allowed_signers and/or gpg_keys, or remove source.verify");
        }
        // fail at start-up on a typo; the files are read again at every check so edits apply at once
        if (!noSsh) {
            TrustFiles.requireReadable(verify.allowedSigners(), "source.verify.allowed_signers");
        }
        verify.gpgKeys().forEach(key -> TrustFiles.requireReadable(key, "source.verify.gpg_keys"));
        return new SignaturePolicy(noSsh ? null : new SshSignatureVerifier(verify.allowedSigners()),
                noGpg ? null : new GpgSignatureVerifier(verify.gpgKeys()), clock);
    }

    boolean enabled() {
        return ssh != null || gpg != null;
    }

    /**
     * @param commitTime the commit's committer time, which whoever made the commit chose: a key's
     *                   validity (allowed_signers valid-after/valid-before, GPG expiry) is checked at the
     *                   clock's time instead, so that a commit backdated into an expired key's validity
     *                   is refused
     */
    SignatureVerdict check(byte[] rawCommit, Instant commitTime) {
        if (!enabled()) {
            return SignatureVerdict.NotChecked.INSTANCE;
        }
        Instant now = clock.instant();
        Optional<CommitSignatures.Signed> signed = CommitSignatures.split(rawCommit);
        if (signed.isEmpty()) {
            return new SignatureVerdict.Refused("the commit is not signed");
        }
        CommitSignatures.Signed s = signed.get();
        return switch (s.format()) {
            case SSH -> ssh == null
                    ? new SignatureVerdict.Refused("the commit has an SSH signature but source.verify.allowed_signers is not set")
                    : ssh.verify(s.payload(), s.signature(), now);
            case GPG -> gpg == null
                    ? new SignatureVerdict.Refused("the commit has a GPG signature but source.verify.gpg_keys is empty")
                    : gpg.verify(s.payload(), s.signature(), now);
            case X509 -> new SignatureVerdict.Refused("X.509 (gpgsm) signatures are not supported: sign with an SSH or GPG key");
            case UNKNOWN -> new SignatureVerdict.Refused("the commit signature is in an unknown format");
        };
    }
}
