package dev.barge.source;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bare clone under {@code <state_dir>/repo.git}. A cache that is missing, does not open, fails a
 * sanity check or points at another URL is replaced: barge can always fetch it again, so a broken
 * cache is never worth a failed reconcile. A new clone is prepared beside the cache and renamed into
 * place, so a clone cut short never looks like a valid cache.
 */
final class RepoCache {
    private static final Logger LOG = LoggerFactory.getLogger(RepoCache.class);
    static final String DIRECTORY = "repo.git";

    private final Path dir;
    private final RemoteUrl url;
    private final String branch;

    RepoCache(Path stateDir, RemoteUrl url, String branch) {
        this.dir = stateDir.toAbsolutePath().normalize().resolve(DIRECTORY);
        this.url = url;
        this.branch = branch;
    }

    Path directory() {
        return dir;
    }

    String branchRef() {
        return Constants.R_HEADS + branch;
    }

    /** The cache when it is present and sound; a broken one is deleted (and logged) and empty returned. */
    Optional<Repository> openValid() {
        if (!Files.exists(dir)) {
            return Optional.empty();
        }
        Repository repo = null;
        try {
            repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().setMustExist(true).build();
            String problem = problem(repo);
            if (problem == null) {
                return Optional.of(repo);
            }
            LOG.warn("git cache {} {}: re-cloning {}", dir, problem, url.redacted());
        } catch (IOException | RuntimeException e) {
            LOG.warn("git cache {} is unusable ({}): re-cloning {}", dir, e.toString(), url.redacted());
        }
        if (repo != null) {
            repo.close();
        }
        discard();
        return Optional.empty();
    }

    private String problem(Repository repo) throws IOException {
        if (!Files.isDirectory(dir.resolve("objects")) || !Files.isRegularFile(dir.resolve("HEAD"))) {
            return "is missing its objects directory or HEAD";
        }
        String cachedUrl = repo.getConfig().getString(ConfigConstants.CONFIG_REMOTE_SECTION, Constants.DEFAULT_REMOTE_NAME,
                ConfigConstants.CONFIG_KEY_URL);
        if (!url.withoutCredentials().equals(cachedUrl)) {
            // also a cache whose config still holds credentials in the URL (before barge kept them out)
            return "was cloned from another URL (source.url changed)";
        }
        Ref head = repo.getRefDatabase().exactRef(branchRef());
        if (head != null) {
            ObjectId id = head.getObjectId();
            if (id == null) {
                return "has a broken ref " + branchRef();
            }
            try (RevWalk walk = new RevWalk(repo)) {
                walk.parseTree(walk.parseCommit(id).getTree());
            }
        }
        return null;
    }

    /**
     * Prepares an empty bare repository next to the cache, lets {@code fill} fetch into it and moves
     * it into place only when that succeeded.
     */
    Repository createWith(Consumer<Repository> fill) {
        discard();
        Path staging = dir.resolveSibling(DIRECTORY + ".new");
        deleteTree(staging);
        try {
            Files.createDirectories(dir.getParent());
            try (Git git = Git.init().setBare(true).setGitDir(staging.toFile()).setInitialBranch(branch).call()) {
                Repository repo = git.getRepository();
                StoredConfig config = repo.getConfig();
                config.setString(ConfigConstants.CONFIG_REMOTE_SECTION, Constants.DEFAULT_REMOTE_NAME,
                        ConfigConstants.CONFIG_KEY_URL, url.withoutCredentials());
                config.setString(ConfigConstants.CONFIG_REMOTE_SECTION, Constants.DEFAULT_REMOTE_NAME, "fetch",
                        "+" + branchRef() + ":" + branchRef());
                config.save();
                fill.accept(repo);
            }
            // JGit creates files with the umask's mode: the directory's own mode keeps others out of all of them
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwx------"));
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteTree(staging);
            throw new BargeException(Failure.FAILED, "cannot create the git cache " + dir + ": " + e.getMessage()
                    + ": check that state_dir is writable", e);
        } catch (GitAPIException e) {
            deleteTree(staging);
            throw new BargeException(Failure.FAILED, "cannot create the git cache " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteTree(staging);
            throw e;
        }
        return openValid().orElseThrow(() -> new BargeException(Failure.FAILED,
                "the new git cache " + dir + " does not open: check the disk under state_dir"));
    }

    /** Deletes the cache (used when it turns out to be corrupt during a fetch or read). */
    void discard() {
        deleteTree(dir);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
