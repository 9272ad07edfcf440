package dev.barge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Who may read or change the files barge trusts. A credential or private key must be readable by its
 * owner only, and a file that decides whom barge trusts (allowed_signers, public keys, known_hosts)
 * changeable by its owner only: barge runs as root, so a local user who can read or edit them gets
 * what root gets. Each refusal says the chmod to run.
 */
public final class PrivateFiles {
    private PrivateFiles() {
    }

    /** The effective uid of this process (the owner of {@code /proc/self}); -1 when it cannot be told. */
    public static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    /** The permission bits (with setuid, setgid, sticky) of the file, or of the link itself with NOFOLLOW_LINKS. */
    public static int mode(Path file, LinkOption... options) throws IOException {
        return (Integer) Files.getAttribute(file, "unix:mode", options) & 07777;
    }

    public static int owner(Path file, LinkOption... options) throws IOException {
        return (Integer) Files.getAttribute(file, "unix:uid", options);
    }

    public static String octal(int mode) {
        return String.format(Locale.ROOT, "%04o", mode);
    }

    /**
     * A credential or private key: refused (77) when its group or others may read or write it.
     * A file that does not exist or cannot be read is left to the caller's own message.
     */
    public static void requireOwnerOnly(Path file, String setting) {
        int mode = modeOrMinusOne(file);
        if (mode >= 0 && (mode & 077) != 0) {
            throw new BargeException(Failure.REFUSED, setting + " file " + file + " can be read or changed by group or others"
                    + " (mode " + octal(mode) + "): run chmod 600 " + file);
        }
    }

    /** A file barge trusts: refused (77) when its group or others may change it. */
    public static void requireNotWritableByOthers(Path file, String setting) {
        int mode = modeOrMinusOne(file);
        if (mode >= 0 && (mode & 022) != 0) {
            throw new BargeException(Failure.REFUSED, setting + " file " + file + " can be changed by group or others"
                    + " (mode " + octal(mode) + "): run chmod go-w " + file);
        }
    }

    private static int modeOrMinusOne(Path file) {
        try {
            return mode(file);
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }
}
