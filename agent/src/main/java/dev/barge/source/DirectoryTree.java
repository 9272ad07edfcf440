package dev.barge.source;

import dev.barge.tree.FileTree;
import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.tree.RepoPaths;
import dev.barge.config.model.AgentConfig;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A local directory as a {@link FileTree}: {@code --repo DIR} plans it as it is, uncommitted edits included.
 * Like a commit, where symlinks are mere blobs, it never follows a symlink: every component of a path is
 * looked at without following links, a link is refused, and the file is opened with {@code O_NOFOLLOW}.
 * A pull request's checkout is untrusted, and {@code validate} in its CI must not show the runner's files.
 * Devices, pipes and sockets are refused, and nothing under /proc, /sys or /dev is a config repo.
 */
public final class DirectoryTree implements FileTree {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final List<Path> SYSTEM = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

    private final Path root;
    private final ReadBudget budget;

    public DirectoryTree(Path root) {
        this(root, AgentConfig.ReadLimits.DEFAULTS);
    }

    /** {@code root} itself may be a link (the user named it); nothing below it is followed. */
    public DirectoryTree(Path root, AgentConfig.ReadLimits limits) {
        Path real;
        try {
            real = root.toRealPath();
        } catch (IOException e) {
            real = null;
        }
        if (real == null || !Files.isDirectory(real, NOFOLLOW)) {
            throw new BargeException(Failure.BAD_INPUT, "config repo " + root + " is not a directory: pass the folder that holds deployments/");
        }
        for (Path system : SYSTEM) {
            if (real.startsWith(system)) {
                throw new BargeException(Failure.BAD_INPUT, "config repo " + root + " is under " + system
                        + ": pass the checkout of the config repository");
            }
        }
        this.root = real;
        this.budget = new ReadBudget(limits, real.toString());
    }

    public Path root() {
        return root;
    }

    @Override
    public Optional<byte[]> read(String path) {
        String relative = normalize(path);
        try {
            Entry entry = lookup(relative);
            if (entry == null || entry.attributes().isDirectory()) {
                return Optional.empty();
            }
            if (!entry.attributes().isRegularFile()) {
                throw new BargeException(Failure.BAD_INPUT, relative + " in " + root + " is not a regular file (a device,"
                        + " pipe or socket): barge reads only regular files from the config repo");
            }
            if (!entry.file().toRealPath().startsWith(root)) {
                throw FileTree.linkRefused(relative);
            }
            return Optional.of(budget.take(relative, entry.attributes().size(), max -> {
                try (SeekableByteChannel channel = Files.newByteChannel(entry.file(), StandardOpenOption.READ, NOFOLLOW)) {
                    return ReadBudget.readAtMost(channel, max);
                }
            }));
        } catch (IOException e) {
            throw unreadable(relative, e);
        }
    }

    @Override
    public List<String> list(String directory) {
        return children(directory, false);
    }

    @Override
    public List<String> directories(String directory) {
        return children(directory, true);
    }

    /** The entries directly in {@code directory} that are folders, or that are not (files and links). */
    private List<String> children(String directory, boolean folders) {
        String relative = normalize(directory);
        try {
            Entry entry = lookup(relative);
            if (entry == null || !entry.attributes().isDirectory()) {
                return List.of();
            }
            List<String> found = new ArrayList<>();
            try (Stream<Path> children = Files.list(entry.file())) {
                for (Path child : (Iterable<Path>) children::iterator) {
                    if (Files.isDirectory(child, NOFOLLOW) == folders) {
                        found.add(relative.isEmpty() ? child.getFileName().toString() : relative + "/" + child.getFileName());
                    }
                }
            }
            return found.stream().sorted().toList();
        } catch (IOException e) {
            throw unreadable(relative, e);
        }
    }

    @Override
    public boolean executable(String path) {
        String relative = normalize(path);
        try {
            Entry entry = lookup(relative);
            return entry != null && entry.attributes().isRegularFile()
                    && Files.getPosixFilePermissions(entry.file(), NOFOLLOW)
                    .contains(java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }

    private record Entry(Path file, BasicFileAttributes attributes) {
    }

    /** {@code relative} with each component looked at, not followed: null when absent, a link refused. */
    private Entry lookup(String relative) throws IOException {
        Path current = root;
        BasicFileAttributes attributes = Files.readAttributes(root, BasicFileAttributes.class, NOFOLLOW);
        String[] parts = relative.isEmpty() ? new String[0] : relative.split("/");
        for (int i = 0; i < parts.length; i++) {
            if (!attributes.isDirectory()) {
                return null;
            }
            current = current.resolve(parts[i]);
            try {
                attributes = Files.readAttributes(current, BasicFileAttributes.class, NOFOLLOW);
            } catch (NoSuchFileException e) {
                return null;
            }
            if (attributes.isSymbolicLink()) {
                throw FileTree.linkRefused(String.join("/", List.of(parts).subList(0, i + 1)));
            }
        }
        return new Entry(current, attributes);
    }

    private String normalize(String path) {
        return RepoPaths.resolve("", path).orElseThrow(() -> new BargeException(Failure.BAD_INPUT,
                "path " + path + " leaves the config root " + root));
    }

    private BargeException unreadable(String relative, IOException e) {
        String reason = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : "an I/O error";
        return new BargeException(Failure.BAD_INPUT, "cannot read " + (relative.isEmpty() ? "." : relative) + " in "
                + root + " (" + reason + "): check that it is a readable file or directory", e);
    }
}
