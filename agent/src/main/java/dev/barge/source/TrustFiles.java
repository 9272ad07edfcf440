package dev.barge.source;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files barge trusts (allowed_signers, public keys, known_hosts, credentials) must be there, readable,
 * and changeable by their owner only; credentials and private keys readable by their owner only too.
 */
final class TrustFiles {
    private TrustFiles() {
    }

    static void requireReadable(Path file, String setting) {
        requireFile(file, setting);
        PrivateFiles.requireNotWritableByOthers(file, setting);
    }

    /** A credential or private key: also refused when group or others may read it. */
    static void requirePrivate(Path file, String setting) {
        requireFile(file, setting);
        PrivateFiles.requireOwnerOnly(file, setting);
    }

    private static void requireFile(Path file, String setting) {
        if (!Files.exists(file)) {
            throw new BargeException(Failure.BAD_INPUT, setting + " file " + file + " does not exist: create it or fix the path in the agent config");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new BargeException(Failure.REFUSED, setting + " file " + file + " is not a readable file: check its type and permissions");
        }
    }
}
