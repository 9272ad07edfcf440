package dev.barge.source;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.RepoPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The config root at one commit, read from the object database with a TreeWalk (there is no work
 * tree). The files are read when the snapshot is taken, so the tree is an immutable value that
 * outlives the repository handle and cannot change under a running reconcile; config roots are small.
 * Only regular files are visible: a symlink or submodule in the repo is not followed.
 */
final class CommitTree implements FileTree {
    private final String label;
    private final Map<String, byte[]> files;

    private CommitTree(String label, Map<String, byte[]> files) {
        this.label = label;
        this.files = files;
    }

    /** Reads every regular file under {@code root} ("" for the whole repository) at {@code commit}. */
    static CommitTree load(ObjectReader reader, RevCommit commit, String root) {
        String label = commit.abbreviate(7).name();
        Map<String, byte[]> files = new TreeMap<>();
        try {
            ObjectId treeId = subtree(reader, commit, root, label);
            try (TreeWalk walk = new TreeWalk(reader)) {
                walk.addTree(treeId);
                walk.setRecursive(true);
                while (walk.next()) {
                    FileMode mode = walk.getFileMode(0);
                    if (!FileMode.REGULAR_FILE.equals(mode) && !FileMode.EXECUTABLE_FILE.equals(mode)) {
                        continue;
                    }
                    String path = walk.getPathString();
                    try {
                        files.put(path, reader.open(walk.getObjectId(0), Constants.OBJ_BLOB).getBytes());
                    } catch (LargeObjectException e) {
                        throw new BargeException(Failure.BAD_INPUT, "file " + path + " at commit " + label
                                + " is too large to read into memory: keep large files out of the config root (source.path)");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tree of commit " + label, e);
        }
        return new CommitTree(label, Collections.unmodifiableMap(files));
    }

    private static ObjectId subtree(ObjectReader reader, RevCommit commit, String root, String label) throws IOException {
        if (root.isEmpty()) {
            return commit.getTree();
        }
        try (TreeWalk at = TreeWalk.forPath(reader, root, commit.getTree())) {
            if (at == null || !FileMode.TREE.equals(at.getFileMode(0))) {
                throw new BargeException(Failure.BAD_INPUT, "config root " + root + " is not a directory at commit " + label
                        + ": check source.path");
            }
            return at.getObjectId(0);
        }
    }

    @Override
    public Optional<byte[]> read(String path) {
        byte[] bytes = files.get(normalize(path));
        return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
    }

    @Override
    public List<String> list(String directory) {
        String dir = normalize(directory);
        return files.keySet().stream().filter(p -> RepoPaths.parent(p).equals(dir)).toList();
    }

    @Override
    public String describe() {
        return label;
    }

    private String normalize(String path) {
        return RepoPaths.resolve("", path).orElseThrow(() -> new BargeException(Failure.BAD_INPUT,
                "path " + path + " leaves the config root at commit " + label));
    }
}
