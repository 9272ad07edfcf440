package dev.barge.source;

import java.util.List;
import java.util.Optional;

/**
 * A read-only view of the config root at one commit (or of a local directory). Paths are
 * repo-relative with forward slashes, already normalized; a path that would leave the root is
 * rejected by the implementation.
 */
public interface FileTree {

    /** The bytes of a regular file, or empty when there is none at that path. */
    Optional<byte[]> read(String path);

    /** Regular files directly in {@code directory} ("" for the root), sorted by name; empty when absent. */
    List<String> list(String directory);

    /** A human label for messages: a short commit sha or a directory path. */
    String describe();
}
