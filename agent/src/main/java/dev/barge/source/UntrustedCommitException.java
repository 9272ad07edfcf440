package dev.barge.source;

import dev.barge.BargeException;
import dev.barge.Failure;

/**
 * A commit that signed-commit verification refused (exit 77). It carries the commit and the verdict so
 * the caller can record why the commit was not used; the refused commit's files are never handed out.
 */
public final class UntrustedCommitException extends BargeException {
    private static final long serialVersionUID = 1L;

    private final String commit;
    private final transient SignatureVerdict.Refused verdict;

    UntrustedCommitException(String commit, SignatureVerdict.Refused verdict, String where) {
        super(Failure.REFUSED, "commit " + commit.substring(0, Math.min(7, commit.length())) + " of " + where
                + " refused: " + verdict.reason()
                + ": sign commits with a key listed in source.verify (allowed_signers or gpg_keys)");
        this.commit = commit;
        this.verdict = verdict;
    }

    /** The full sha of the refused commit. */
    public String commit() {
        return commit;
    }

    public SignatureVerdict.Refused verdict() {
        return verdict;
    }
}
