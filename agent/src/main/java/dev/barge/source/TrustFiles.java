package dev.barge.source;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files barge trusts (allowed_signers, public keys, credentials) must be there and readable. */
final class TrustFiles {
    private TrustFiles() {
    }

    static void requireReadable(Path file, String setting) {
        if (!Files.exists(file)) {
            throw new BargeException(Failure.BAD_INPUT, setting + " file " + file + " does not exist: create it or fix the path in the agent config");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new BargeException(Failure.REFUSED, setting + " file " + file + " is not a readable file: check its type and permissions");
        }
    }
}
