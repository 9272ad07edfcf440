package dev.barge.apply;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.RepoContent;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.Mount;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Files and folders of the config repo that services bind, written from the commit under
 * {@code <state_dir>/files/<stack>/<content hash>/<name>}: content-addressed, so an unchanged file keeps
 * its path (and its container), a changed one gets a new path while the old container still binds the
 * old one. A tree is written in a temporary directory and renamed into place, so a container never
 * binds half of one. Never a secret: the compose reader refuses sops files here.
 */
final class RepoTrees {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern STACK = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;

    /** @param root {@code <state_dir>/files}, or null when apply has no state dir (a stack with repo binds is refused) */
    RepoTrees(Path root) {
        this.root = root == null ? null : root.toAbsolutePath().normalize();
    }

    /** Repo files are kept beside the secrets directory: {@code <state_dir>/files}. */
    static RepoTrees besideSecrets(SecretFiles secrets) {
        return new RepoTrees(secrets == null || secrets.root() == null ? null : secrets.root().resolveSibling("files"));
    }

    /** True when {@code stack} has repo files written (and so perhaps some to remove). */
    boolean holds(String stack) {
        return root != null && STACK.matcher(stack).matches() && Files.isDirectory(root.resolve(stack), LinkOption.NOFOLLOW_LINKS);
    }

    /** The service with each repo bind's source replaced by the path it was written to. */
    ServiceSpec materialise(String stack, ServiceSpec service) {
        if (service.mounts().stream().noneMatch(m -> m.repo() != null)) {
            return service;
        }
        List<Mount> mounts = new ArrayList<>();
        for (Mount m : service.mounts()) {
            if (m.repo() == null) {
                mounts.add(m);
            } else {
                Path bound = write(stack, m.repo(), m.source());
                mounts.add(m.withSource(bound.toString()));
            }
        }
        return service.withMounts(mounts);
    }

    /**
     * Removes the trees of {@code stack} that no container binds any more: {@code used} holds what the
     * stack's containers (any barge container, running or parked) were created with. Says what failed.
     */
    Optional<String> collect(String stack, Collection<String> usedLabels) {
        if (root == null || !STACK.matcher(stack).matches()) {
            return Optional.empty();
        }
        Path dir = root.resolve(stack);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        List<String> failed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean leftover = name.startsWith(".") && name.endsWith(".tmp");
                if (leftover || HASH.matcher(name).matches() && usedLabels.stream().noneMatch(l -> l.contains(name))) {
                    try {
                        deleteTree(entry);
                    } catch (IOException e) {
                        failed.add(name);
                    }
                }
            }
        } catch (IOException e) {
            return Optional.of("the repo files of stack " + stack + " in " + dir + " could not be listed: " + e.getMessage());
        }
        try (Stream<Path> left = Files.list(dir)) {
            if (left.findAny().isEmpty()) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            // an emptied stack directory that stays is harmless: the next apply tries again
        }
        return failed.isEmpty() ? Optional.empty() : Optional.of("removing unused repo files " + failed + " of stack "
                + stack + " in " + dir + " failed: the next apply tries again");
    }

    private Path write(String stack, RepoContent content, String written) {
        if (root == null) {
            throw new BargeException(Failure.FAILED, "cannot bind " + written + " from the repo: apply has no state dir to"
                    + " write it to; apply through barge apply or the agent");
        }
        if (!STACK.matcher(stack).matches()) {
            throw new BargeException(Failure.BAD_INPUT, "stack name " + stack + " cannot name a directory");
        }
        String hash = content.hash();
        Path dir = root.resolve(stack).resolve(hash);
        Path bound = dir.resolve(content.baseName());
        try {
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return bound; // content-addressed: what is there is this content
            }
            Files.createDirectories(root.resolve(stack));
            Path temp = root.resolve(stack).resolve("." + hash + "." + HexFormat.of().formatHex(random()) + ".tmp");
            try {
                Files.createDirectory(temp, PosixFilePermissions.asFileAttribute(DIRECTORY));
                Path top = temp.resolve(content.baseName());
                if (content.directory()) {
                    Files.createDirectory(top, PosixFilePermissions.asFileAttribute(DIRECTORY));
                }
                for (RepoContent.Entry e : content.files()) {
                    Path file = e.path().isEmpty() ? top : top.resolve(e.path()).normalize();
                    if (!file.startsWith(top)) {
                        throw new IOException("the path " + e.path() + " leaves " + content.repoPath());
                    }
                    Files.createDirectories(file.getParent());
                    writeFile(file, e);
                }
                // umask may have narrowed the directories created along the way
                try (Stream<Path> all = Files.walk(temp)) {
                    for (Path p : (Iterable<Path>) all::iterator) {
                        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                            Files.setPosixFilePermissions(p, DIRECTORY);
                        }
                    }
                }
                try {
                    Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, dir);
                } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                    // written meanwhile with the same content
                }
            } finally {
                if (Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(temp);
                }
            }
            return bound;
        } catch (IOException e) {
            throw new BargeException(Failure.FAILED, "cannot write " + written + " from the repo to " + dir + ": "
                    + e.getMessage() + ": check the state dir's disk and permissions", e);
        }
    }

    private static void writeFile(Path file, RepoContent.Entry e) throws IOException {
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString(e.executable() ? "rwxr-xr-x" : "rw-r--r--");
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(mode))) {
            ByteBuffer buffer = ByteBuffer.wrap(e.content().bytes());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.setPosixFilePermissions(file, mode);
    }

    private static byte[] random() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void deleteTree(Path top) throws IOException {
        try (Stream<Path> all = Files.walk(top)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
