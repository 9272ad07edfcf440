package dev.barge.config;

import dev.barge.source.DirectoryTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Config repos for tests: written from a table of files into a temp dir, or read from test resources. */
final class Repos {
    private Repos() {
    }

    static DirectoryTree write(Path dir, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DirectoryTree(dir);
    }

    static Path resource(String name) {
        try {
            return Path.of(Repos.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository checkout: tests run in agent/. */
    static Path checkout() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        return Files.isDirectory(dir.resolve("examples")) ? dir : dir.getParent();
    }
}
