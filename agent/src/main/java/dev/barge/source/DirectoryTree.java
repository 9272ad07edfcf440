package dev.barge.source;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A local directory as a {@link FileTree}: {@code --repo DIR} plans it as it is, uncommitted edits included. */
public final class DirectoryTree implements FileTree {
    private final Path root;

    public DirectoryTree(Path root) {
        Path real = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(real)) {
            throw new BargeException(Failure.BAD_INPUT, "config repo " + root + " is not a directory: pass the folder that holds deployments/");
        }
        this.root = real;
    }

    public Path root() {
        return root;
    }

    @Override
    public Optional<byte[]> read(String path) {
        Path file = resolve(path);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " in " + root, e);
        }
    }

    @Override
    public List<String> list(String directory) {
        Path dir = resolve(directory);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + " in " + root, e);
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }

    private Path resolve(String path) {
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root)) {
            throw new BargeException(Failure.BAD_INPUT, "path " + path + " leaves the config root " + root);
        }
        return resolved;
    }
}
