package dev.barge.config.compose;

import dev.barge.tree.FileTree;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A repo held in a map, for tests. */
final class MemoryTree implements FileTree {
    private final Map<String, byte[]> files = new TreeMap<>();
    private final java.util.Set<String> links = new java.util.TreeSet<>();
    private final java.util.Set<String> executables = new java.util.TreeSet<>();

    MemoryTree with(String path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** A symbolic link at {@code path}: listed, and refused when read, as the real trees do. */
    MemoryTree link(String path) {
        links.add(path);
        return this;
    }

    MemoryTree executable(String path, String content) {
        executables.add(path);
        return with(path, content);
    }

    @Override
    public Optional<byte[]> read(String path) {
        for (String link : links) {
            if (path.equals(link) || path.startsWith(link + "/")) {
                throw FileTree.linkRefused(link);
            }
        }
        return Optional.ofNullable(files.get(path)).map(byte[]::clone);
    }

    @Override
    public List<String> directories(String directory) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        return java.util.stream.Stream.concat(files.keySet().stream(), links.stream())
                .filter(p -> p.startsWith(prefix) && p.indexOf('/', prefix.length()) > 0)
                .map(p -> p.substring(0, p.indexOf('/', prefix.length()))).distinct().sorted().toList();
    }

    @Override
    public boolean executable(String path) {
        return executables.contains(path);
    }

    @Override
    public List<String> list(String directory) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        return java.util.stream.Stream.concat(files.keySet().stream(), links.stream()).sorted()
                .filter(p -> p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0)
                .toList();
    }

    @Override
    public String describe() {
        return "memory";
    }
}
