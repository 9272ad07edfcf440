package dev.barge.record;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.PrivateFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * The state dir, opened and checked in one place before barge reads or writes anything in it. barge
 * runs as root: a state dir another local user could prepare (in /tmp, say) would let them point
 * {@code lock} at a file root then empties, or {@code secrets} at a directory root then writes
 * decrypted secrets into. So it must be owned by root or the user barge runs as, not be a symbolic
 * link, not be writable by group or others, and hold no symbolic or hard links where barge writes.
 * Once that holds, nobody else can add or swap an entry in it, so the check does not go stale.
 * barge creates it with mode 0700.
 */
public final class StateDir {
    /** What barge creates directly in the state dir. */
    static final List<String> FILES = List.of("state.json", "history.jsonl", "hash.key", "lock", "repo.git.lock");
    static final List<String> DIRECTORIES = List.of("repo.git", "repo.git.new", "secrets", "ssh", "files");

    private final Path dir;

    private StateDir(Path dir) {
        this.dir = dir;
    }

    /** The state dir, created (0700, parents as needed) when missing, then checked. */
    public static StateDir open(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(abs.getParent());
                try {
                    Files.createDirectory(abs);
                    // the umask may have taken bits away from a mode given at creation: set it outright
                    Files.setPosixFilePermissions(abs, PosixFilePermissions.fromString("rwx------"));
                } catch (FileAlreadyExistsException raced) {
                    // made by someone else meanwhile: checked below like any other
                }
            }
        } catch (IOException e) {
            throw new BargeException(Failure.FAILED, "cannot create the state dir " + abs + ": " + e.getMessage()
                    + ": create it (mode 0700) or set state_dir to a directory this user may write", e);
        }
        return check(abs);
    }

    /** The state dir if it exists (checked), for commands that only read it. */
    public static Optional<StateDir> existing(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        return Files.exists(abs, LinkOption.NOFOLLOW_LINKS) ? Optional.of(check(abs)) : Optional.empty();
    }

    public Path path() {
        return dir;
    }

    /** An entry barge writes, by name (state.json, lock, secrets, ...). */
    public Path resolve(String name) {
        if (!FILES.contains(name) && !DIRECTORIES.contains(name)) {
            throw new IllegalArgumentException(name + " is not an entry of the state dir");
        }
        return dir.resolve(name);
    }

    private static StateDir check(Path dir) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                throw refused("the state dir " + dir + " is a symbolic link: set state_dir to the real directory,"
                        + " or remove the link and let barge create the directory");
            }
            if (!attributes.isDirectory()) {
                throw refused("the state dir " + dir + " is not a directory: move it aside (mv " + dir + " " + dir
                        + ".old) and run again; barge creates it with mode 0700");
            }
            int owner = PrivateFiles.owner(dir, LinkOption.NOFOLLOW_LINKS);
            int me = PrivateFiles.currentUid();
            if (owner != 0 && owner != me) {
                throw refused("the state dir " + dir + " is owned by uid " + owner + ", not by root or the user barge"
                        + " runs as (uid " + me + "): if it is not yours, move it aside (mv " + dir + " " + dir
                        + ".untrusted) and run again; barge creates it with mode 0700");
            }
            int mode = PrivateFiles.mode(dir, LinkOption.NOFOLLOW_LINKS);
            if ((mode & 022) != 0) {
                throw refused("the state dir " + dir + " is writable by group or others (mode " + PrivateFiles.octal(mode)
                        + "): check that its contents are barge's, then run chmod 700 " + dir);
            }
            for (String name : FILES) {
                checkEntry(dir.resolve(name), false);
            }
            for (String name : DIRECTORIES) {
                checkEntry(dir.resolve(name), true);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new BargeException(Failure.FAILED, "cannot check the state dir " + dir + ": " + e.getMessage()
                    + ": check that it exists and this user may read it", e);
        }
        return new StateDir(dir);
    }

    private static void checkEntry(Path entry, boolean directory) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        String kind = directory ? "directory" : "file";
        if (attributes.isSymbolicLink()) {
            throw refused("the state dir has a symbolic link " + entry + " where barge keeps a " + kind
                    + ": someone else may have made it; remove it (rm " + entry + ") and run again");
        }
        if (directory ? !attributes.isDirectory() : !attributes.isRegularFile()) {
            throw refused(entry + " is not a " + kind + " as barge makes it: move it aside (mv " + entry + " " + entry
                    + ".old) and run again");
        }
        // a hard link to another file would make an append or a truncation land there
        if (!directory && (Integer) Files.getAttribute(entry, "unix:nlink", LinkOption.NOFOLLOW_LINKS) > 1) {
            throw refused(entry + " has other hard links, so writing it would change another file too: move it aside (mv "
                    + entry + " " + entry + ".old) and run again");
        }
    }

    private static BargeException refused(String message) {
        return new BargeException(Failure.REFUSED, message);
    }
}
