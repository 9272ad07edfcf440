package dev.barge.tree;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of the config root at one commit (or of a local directory). Paths are
 * repo-relative with forward slashes, already normalized; a path that would leave the root is
 * rejected by the implementation. Symlinks are never followed, in either kind of tree: a path
 * through one is refused (BAD_INPUT), so that a link cannot show this machine's files. Files are
 * read only when asked for, within {@code source.max_file_size} and {@code source.max_total_size}.
 */
public interface FileTree {

    /**
     * The bytes of a regular file, or empty when there is none at that path.
     *
     * @throws BargeException BAD_INPUT when the path goes through a symlink, is not a regular file
     *                        (a device, pipe or socket) or is over a read limit
     */
    Optional<byte[]> read(String path);

    /**
     * The files directly in {@code directory} ("" for the root), sorted by name; empty when absent.
     * Symlinks are listed too, so that reading one is refused rather than silently missing.
     */
    List<String> list(String directory);

    /**
     * The folders directly in {@code directory} ("" for the root), sorted; empty when absent. A tree that
     * has no folders (a test's) lists none. Symlinks are not folders: {@link #list} shows them.
     */
    default List<String> directories(String directory) {
        return List.of();
    }

    /** True when the regular file at {@code path} is executable (git's mode 100755, the owner's x bit). */
    default boolean executable(String path) {
        return false;
    }

    /** A human label for messages: a short commit sha or a directory path. */
    String describe();

    /** The refusal for a path through a symlink ({@code link} is repo-relative). */
    static BargeException linkRefused(String link) {
        return new BargeException(Failure.BAD_INPUT, link + " is a symbolic link: barge does not follow symlinks in"
                + " the config repo (one leaving the repo could show this machine's files); put the file or directory"
                + " itself there");
    }
}
