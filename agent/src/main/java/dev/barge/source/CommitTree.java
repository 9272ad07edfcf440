package dev.barge.source;

import dev.barge.tree.FileTree;
import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.tree.RepoPaths;
import dev.barge.config.model.AgentConfig;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The config root at one commit, read from the object database (there is no work tree). Taking the
 * snapshot walks the tree only (names and blob ids); a file's blob is loaded when it is first read,
 * its size checked first, so a repo's unrelated large files are never loaded. A blob is immutable, so
 * the tree still cannot change under a running reconcile; it reopens the repository for each new file,
 * because the snapshot outlives the handle it was taken with. Symlinks are never followed: a path
 * through one is refused, and submodules are not visible.
 */
final class CommitTree implements FileTree {
    private final String label;
    private final File gitDir;
    private final Map<String, ObjectId> files;
    private final Set<String> links;
    private final Set<String> executables;
    private final ReadBudget budget;

    private CommitTree(String label, File gitDir, Map<String, ObjectId> files, Set<String> links,
                       Set<String> executables, ReadBudget budget) {
        this.label = label;
        this.gitDir = gitDir;
        this.files = files;
        this.links = links;
        this.executables = executables;
        this.budget = budget;
    }

    /** Lists the files under {@code root} ("" for the whole repository) at {@code commit}, reading none of them. */
    static CommitTree load(Repository repo, ObjectReader reader, RevCommit commit, String root, AgentConfig.ReadLimits limits) {
        String label = commit.abbreviate(7).name();
        Map<String, ObjectId> files = new TreeMap<>();
        Set<String> links = new TreeSet<>();
        Set<String> executables = new TreeSet<>();
        try {
            ObjectId treeId = subtree(reader, commit, root, label);
            try (TreeWalk walk = new TreeWalk(reader)) {
                walk.addTree(treeId);
                walk.setRecursive(true);
                while (walk.next()) {
                    FileMode mode = walk.getFileMode(0);
                    if (FileMode.REGULAR_FILE.equals(mode) || FileMode.EXECUTABLE_FILE.equals(mode)) {
                        files.put(walk.getPathString(), walk.getObjectId(0));
                        if (FileMode.EXECUTABLE_FILE.equals(mode)) {
                            executables.add(walk.getPathString());
                        }
                    } else if (FileMode.SYMLINK.equals(mode)) {
                        links.add(walk.getPathString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tree of commit " + label, e);
        }
        return new CommitTree(label, repo.getDirectory(), Collections.unmodifiableMap(files),
                Collections.unmodifiableSet(links), Collections.unmodifiableSet(executables), new ReadBudget(limits, "commit " + label));
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
        String file = normalize(path);
        refuseLinks(file);
        ObjectId id = files.get(file);
        if (id == null) {
            return Optional.empty();
        }
        Optional<byte[]> known = budget.known(file);
        if (known.isPresent()) {
            return known;
        }
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir).setBare().setMustExist(true).build();
             ObjectReader reader = repo.newObjectReader()) {
            ObjectLoader blob = reader.open(id, Constants.OBJ_BLOB);
            return Optional.of(budget.take(file, blob.getSize(),
                    max -> blob.getBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 16))));
        } catch (LargeObjectException e) {
            throw new BargeException(Failure.BAD_INPUT, file + " at commit " + label + " is too large to read into memory:"
                    + " keep large files out of the config root, or lower source.max_file_size", e);
        } catch (IOException e) {
            throw gone(file, e);
        }
    }

    @Override
    public List<String> list(String directory) {
        String dir = normalize(directory);
        refuseLinks(dir);
        return Stream.concat(files.keySet().stream(), links.stream())
                .filter(p -> RepoPaths.parent(p).equals(dir)).sorted().toList();
    }

    @Override
    public List<String> directories(String directory) {
        String dir = normalize(directory);
        refuseLinks(dir);
        String prefix = dir.isEmpty() ? "" : dir + "/";
        return Stream.concat(files.keySet().stream(), links.stream())
                .filter(p -> p.startsWith(prefix) && p.indexOf('/', prefix.length()) > 0)
                .map(p -> p.substring(0, p.indexOf('/', prefix.length()))).distinct().sorted().toList();
    }

    @Override
    public boolean executable(String path) {
        return executables.contains(normalize(path));
    }

    @Override
    public String describe() {
        return label;
    }

    /** A path through a link is refused whether or not the link's target exists. */
    private void refuseLinks(String path) {
        for (int slash = path.indexOf('/'); ; slash = path.indexOf('/', slash + 1)) {
            String prefix = slash < 0 ? path : path.substring(0, slash);
            if (links.contains(prefix)) {
                throw FileTree.linkRefused(prefix);
            }
            if (slash < 0) {
                return;
            }
        }
    }

    /** The cache was replaced (re-cloned, or a gc pruned the commit) between the snapshot and this read. */
    private BargeException gone(String file, IOException e) {
        return new BargeException(Failure.RETRY_LATER, "cannot read " + file + " of commit " + label + " from "
                + gitDir + " (it changed since the commit was fetched): run again", e);
    }

    private String normalize(String path) {
        return RepoPaths.resolve("", path).orElseThrow(() -> new BargeException(Failure.BAD_INPUT,
                "path " + path + " leaves the config root at commit " + label));
    }
}
