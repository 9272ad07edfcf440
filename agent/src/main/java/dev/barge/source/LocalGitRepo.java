package dev.barge.source;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A local checkout read at a given commit from its {@code .git} ({@code barge plan --repo DIR --commit SHA}):
 * the work tree and uncommitted edits are ignored. Without {@code --commit}, use {@link DirectoryTree}.
 */
public final class LocalGitRepo {
    private final Path dir;
    private final CommitReader reader;

    /**
     * @param dir        the checkout (or any directory inside it, or a bare repository)
     * @param configPath the config root inside the repository ({@code source.path}; "." for the root)
     * @param verify     signed-commit verification, or null to skip it
     */
    public LocalGitRepo(Path dir, String configPath, AgentConfig.Verify verify) {
        this(dir, configPath, verify, AgentConfig.ReadLimits.DEFAULTS);
    }

    /** @param limits how much one load may read ({@code source.max_file_size}, {@code source.max_total_size}) */
    public LocalGitRepo(Path dir, String configPath, AgentConfig.Verify verify, AgentConfig.ReadLimits limits) {
        this.dir = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(this.dir)) {
            throw new BargeException(Failure.BAD_INPUT, "config repo " + dir + " is not a directory: pass the checkout of the config repository");
        }
        this.reader = new CommitReader(configPath, SignaturePolicy.of(verify), limits);
    }

    /** The commit a sha (full or unambiguous short) or any git revision ({@code HEAD~1}, a branch) names. */
    public Snapshot at(String commit) {
        try (Repository repo = open()) {
            String where = dir.toString();
            ObjectId id = CommitReader.resolve(repo, commit, where);
            if (id == null) {
                throw new BargeException(Failure.BAD_INPUT, "commit " + commit + " not found in " + where
                        + ": check the sha, or git fetch first");
            }
            String branch;
            try {
                branch = repo.getBranch();
            } catch (IOException e) {
                branch = "HEAD";
            }
            return reader.read(repo, id, branch == null ? "HEAD" : branch, where);
        }
    }

    /**
     * The commit where {@code head}'s history meets the default branch's: what a pull request is compared
     * with. The default branch is the remote's HEAD ({@code origin/HEAD}), else main, else master.
     */
    public Snapshot mergeBase(String head) {
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
            String where = dir.toString();
            ObjectId headId = CommitReader.resolve(repo, head, where);
            if (headId == null) {
                throw new BargeException(Failure.BAD_INPUT, "commit " + head + " not found in " + where + ": check the revision");
            }
            String branch = defaultBranch(repo);
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(headId));
            walk.markStart(walk.parseCommit(repo.resolve(branch + "^{commit}")));
            RevCommit base = walk.next();
            if (base == null) {
                throw new BargeException(Failure.BAD_INPUT, head + " and the default branch " + branch + " have no common"
                        + " commit in " + where + ": pass the base commit to compare with (barge diff BASE)");
            }
            return reader.read(repo, base, branch, where);
        } catch (IOException e) {
            throw new BargeException(Failure.BAD_INPUT, "cannot find the merge base of " + head + " in " + dir + ": "
                    + e.getMessage() + "; pass the base commit to compare with (barge diff BASE)", e);
        }
    }

    private static String defaultBranch(Repository repo) throws IOException {
        Ref remoteHead = repo.exactRef("refs/remotes/origin/HEAD");
        if (remoteHead != null && remoteHead.isSymbolic()) {
            return remoteHead.getTarget().getName();
        }
        for (String name : List.of("refs/heads/main", "refs/heads/master", "refs/remotes/origin/main",
                "refs/remotes/origin/master")) {
            if (repo.exactRef(name) != null) {
                return name;
            }
        }
        throw new BargeException(Failure.BAD_INPUT, "no default branch (origin/HEAD, main or master) in "
                + repo.getDirectory() + ": pass the base commit to compare with (barge diff BASE)");
    }

    private Repository open() {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        builder.findGitDir(dir.toFile());
        if (builder.getGitDir() == null && Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"))) {
            builder.setGitDir(dir.toFile()).setBare();
        }
        if (builder.getGitDir() == null) {
            throw new BargeException(Failure.BAD_INPUT, dir + " is not inside a git repository: --commit needs a git checkout"
                    + " (drop --commit to plan the directory as it is)");
        }
        try {
            return builder.build();
        } catch (IOException e) {
            throw new BargeException(Failure.BAD_INPUT, "cannot open the git repository of " + dir + ": " + e.getMessage(), e);
        }
    }
}
