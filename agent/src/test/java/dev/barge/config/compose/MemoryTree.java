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

    MemoryTree with(String path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    @Override
    public Optional<byte[]> read(String path) {
        return Optional.ofNullable(files.get(path)).map(byte[]::clone);
    }

    @Override
    public List<String> list(String directory) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        return files.keySet().stream()
                .filter(p -> p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0)
                .toList();
    }

    @Override
    public String describe() {
        return "memory";
    }
}
