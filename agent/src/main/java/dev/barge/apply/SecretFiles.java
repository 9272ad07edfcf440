package dev.barge.apply;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.FileMount;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The secret files of containers, on a RAM-backed tmpfs barge mounts at {@code <state_dir>/secrets}
 * and bind-mounts read-only into each container, as Swarm and Kubernetes do. The Engine API's
 * archive upload would write them into the container's writable layer, on the host's disk.
 *
 * <p>Each container generation has its own directory {@code <container-name>.<first 12 of spec hash>},
 * so an old and a new container can coexist during a replace. A {@code secrets:} entry whose content
 * is not sensitive goes the same way: it was named a secret. Nothing here logs or reports a byte of
 * a secret, and nothing falls back to the disk when the tmpfs cannot be had.
 */
final class SecretFiles {

    /** Compose's default for secrets. */
    static final int DEFAULT_MODE = 0444;
    static final int HASH_CHARS = 12;

    private static final Set<PosixFilePermission> ROOT_MODE = PosixFilePermissions.fromString("rwx------");
    // others need to pass through to a file, never to list which secrets there are
    private static final Set<PosixFilePermission> GENERATION_MODE = PosixFilePermissions.fromString("rwx--x--x");
    private static final Set<PosixFilePermission> WRITING_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Pattern CONTAINER_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final Pattern SECRET_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{" + HASH_CHARS + ",}");

    /** One container generation's files: its directory, whether this write made it, the binds to add. */
    record Written(Path dir, boolean created, List<ServiceSpec.Mount> binds) {
        static final Written NONE = new Written(null, false, List.of());

        Written {
            binds = List.copyOf(binds);
        }
    }

    private final Path root;
    private final Tmpfs tmpfs;

    /** @param root the secrets directory, or null when none was given (a stack with secrets is refused) */
    SecretFiles(Path root, Tmpfs tmpfs) {
        this.root = root == null ? null : root.toAbsolutePath().normalize();
        this.tmpfs = tmpfs;
    }

    Path root() {
        return root;
    }

    /**
     * Makes sure the root is a tmpfs, creating the directory (0700) and mounting one on it when it is
     * not. Cheap when it already is; called before a stack is touched and again before each write.
     *
     * @throws BargeException REFUSED when no tmpfs can be had there
     */
    synchronized void ensureTmpfs() {
        if (root == null) {
            throw new BargeException(Failure.REFUSED, "cannot keep secrets off the disk: no directory for them is set"
                    + " (apply through the reconciler, which uses <state_dir>/secrets)");
        }
        try {
            if (tmpfs.holds(root)) {
                return;
            }
        } catch (IOException e) {
            throw refused("reading its file system type failed: " + e.getMessage());
        }
        try {
            // never through a link: the chmod and the mount would land on whatever it points at
            if (Files.isSymbolicLink(root)) {
                throw new IOException(root + " is a symbolic link; remove it");
            }
            if (!Files.isDirectory(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(root);
            }
            Files.setPosixFilePermissions(root, ROOT_MODE);
            tmpfs.mount(root);
            if (!tmpfs.holds(root)) {
                throw new IOException("it is still not a tmpfs afterwards");
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw refused(e.getMessage());
        }
    }

    private BargeException refused(String reason) {
        return new BargeException(Failure.REFUSED, "cannot keep secrets off the disk: mounting a tmpfs on " + root
                + " failed (" + reason + "): run barge as root, or mount a tmpfs there yourself");
    }

    /** The directory of the container generation {@code containerName} with spec {@code specHash}. */
    Path generation(String containerName, String specHash) {
        if (root == null) {
            throw new IllegalStateException("no secrets directory is set");
        }
        if (containerName == null || !CONTAINER_NAME.matcher(containerName).matches()) {
            throw new IllegalArgumentException("container name '" + containerName + "' is not an engine container name");
        }
        if (specHash == null || !HASH.matcher(specHash).matches()) {
            throw new IllegalArgumentException("spec hash of " + containerName + " is not lowercase hex of "
                    + HASH_CHARS + " or more digits");
        }
        return root.resolve(containerName + "." + specHash.substring(0, HASH_CHARS));
    }

    /**
     * Writes the service's secrets for the container generation (again, when they are there already:
     * a reboot empties the tmpfs) and returns the read-only binds that put them at their targets.
     * Everything is checked before the first byte is written.
     *
     * @throws BargeException BAD_INPUT for a bad target, name or owner; REFUSED without a tmpfs;
     *                        FAILED when writing fails (the generation is removed again if this made it)
     */
    Written write(String containerName, String specHash, ServiceSpec service) {
        List<FileMount> secrets = service.secrets();
        if (secrets.isEmpty()) {
            return Written.NONE;
        }
        List<String> names = fileNames(containerName, service);
        ensureTmpfs();
        Path dir = generation(containerName, specHash);
        boolean created = !Files.isDirectory(dir);
        List<ServiceSpec.Mount> binds = new ArrayList<>();
        try {
            if (created) {
                Files.createDirectory(dir);
            }
            Files.setPosixFilePermissions(dir, GENERATION_MODE);
            for (int i = 0; i < secrets.size(); i++) {
                FileMount f = secrets.get(i);
                Path file = dir.resolve(names.get(i));
                writeFile(file, f);
                binds.add(new ServiceSpec.Mount(ServiceSpec.Mount.Type.BIND, file.toString(), f.target(), true, null));
            }
        } catch (IOException | UnsupportedOperationException e) {
            String undo = created ? remove(dir).map(p -> "; " + p).orElse("") : "";
            throw new BargeException(Failure.FAILED, "writing the secret files of container " + containerName + " to "
                    + dir + " failed: " + e.getMessage() + undo + ": check that " + root + " is a writable tmpfs", e);
        }
        return new Written(dir, created, binds);
    }

    /** The file name of each secret: its name, and {@code <name>.2} etc. when one is mounted twice. */
    private static List<String> fileNames(String containerName, ServiceSpec service) {
        Set<String> targets = new HashSet<>();
        for (FileMount c : service.configs()) {
            targets.add(c.target());
        }
        Set<String> used = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (FileMount f : service.secrets()) {
            String where = "container " + containerName + ": secret " + f.name();
            checkTarget(where, f.target());
            if (!targets.add(f.target())) {
                throw BargeException.badInput(where + " targets " + f.target()
                        + ", as another config or secret does: give each its own target");
            }
            if (f.name() == null || !SECRET_NAME.matcher(f.name()).matches()) {
                throw BargeException.badInput("container " + containerName + ": secret name '" + f.name()
                        + "' is not a plain name: use letters, digits, '.', '_' and '-'");
            }
            if (f.content() == null) {
                throw BargeException.badInput(where + " has no content: check its file: in the compose file");
            }
            id(where, "uid", f.uid());
            id(where, "gid", f.gid());
            String name = f.name();
            for (int n = 2; !used.add(name); n++) {
                name = f.name() + "." + n;
            }
            names.add(name);
        }
        return names;
    }

    private static void checkTarget(String where, String target) {
        if (target == null || !target.startsWith("/") || target.endsWith("/")) {
            throw BargeException.badInput(where + " has target '" + target
                    + "': use an absolute file path such as /run/secrets/<name>");
        }
        for (String segment : target.substring(1).split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw BargeException.badInput(where + " has target '" + target
                        + "' with an empty, . or .. segment: use a plain absolute path");
            }
        }
    }

    /** Written private first, then given its owner and mode, so no one else can read it half-made. */
    private static void writeFile(Path file, FileMount f) throws IOException {
        Files.deleteIfExists(file);
        byte[] bytes = f.content().bytes();
        try (SeekableByteChannel out = Files.newByteChannel(file,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(WRITING_MODE))) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        String where = "secret " + f.name();
        Files.setAttribute(file, "unix:uid", id(where, "uid", f.uid()));
        Files.setAttribute(file, "unix:gid", id(where, "gid", f.gid()));
        Files.setPosixFilePermissions(file, permissions(f.mode() == null ? DEFAULT_MODE : f.mode()));
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }

    private static int id(String where, String what, String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int id = Integer.parseInt(value.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw BargeException.badInput(where + " has " + what + " '" + value + "': use a numeric id");
    }

    /** Removes one generation's directory; @return what went wrong, if anything (never a secret) */
    Optional<String> remove(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Files.delete(f);
            }
            Files.delete(dir);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("removing the secret files " + dir + " failed: " + e.getMessage());
        }
    }

    /**
     * Removes every generation of {@code containerName} except {@code keep} (may be null): after a
     * replace the old one, after a delete all, and leftovers of an interrupted apply with them.
     */
    Optional<String> removeGenerations(String containerName, Path keep) {
        if (root == null || !Files.isDirectory(root)) {
            return Optional.empty();
        }
        Pattern mine = Pattern.compile(Pattern.quote(containerName) + "\\.[0-9a-f]{" + HASH_CHARS + "}");
        List<String> problems = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                if (mine.matcher(d.getFileName().toString()).matches() && !d.equals(keep)) {
                    remove(d).ifPresent(problems::add);
                }
            }
        } catch (IOException e) {
            problems.add("listing " + root + " failed: " + e.getMessage());
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
}
