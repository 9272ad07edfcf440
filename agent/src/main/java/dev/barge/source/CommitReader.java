package dev.barge.source;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.tree.RepoPaths;
import dev.barge.config.model.AgentConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Turns a commit in a repository into a {@link Snapshot}: metadata, the signature verdict and the
 * config root. A commit the policy refuses is reported with {@link UntrustedCommitException} and
 * its files are not read; a trusted one's are read only when the config loader asks for them.
 */
final class CommitReader {
    private final String root;
    private final SignaturePolicy policy;
    private final AgentConfig.ReadLimits limits;

    CommitReader(String configPath, SignaturePolicy policy, AgentConfig.ReadLimits limits) {
        this.root = configRoot(configPath);
        this.policy = policy;
        this.limits = limits;
    }

    /** {@code source.path} as a repo-relative directory ("" for the repository root). */
    static String configRoot(String configPath) {
        String path = configPath == null || configPath.isBlank() ? "." : configPath.strip();
        return RepoPaths.resolve("", path).orElseThrow(() -> new BargeException(Failure.BAD_INPUT,
                "source.path " + configPath + " leaves the repository: give a directory inside it, e.g. . or deploy/"));
    }

    /** The commit a revision names: a full or unambiguous short sha, or anything git rev-parse accepts. */
    static ObjectId resolve(Repository repo, String revision, String where) {
        if (revision == null || revision.isBlank() || revision.startsWith("-")) {
            throw new BargeException(Failure.BAD_INPUT, "commit '" + revision + "' is not a revision: give a commit sha");
        }
        try {
            ObjectId id = repo.resolve(revision.strip() + "^{commit}");
            return id;
        } catch (AmbiguousObjectException e) {
            throw new BargeException(Failure.BAD_INPUT, "commit " + revision + " is ambiguous in " + where
                    + ": give more hex digits of the sha");
        } catch (RevisionSyntaxException | IncorrectObjectTypeException e) {
            throw new BargeException(Failure.BAD_INPUT, "commit " + revision + " does not name a commit in " + where
                    + ": give a commit sha");
        } catch (MissingObjectException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + revision + " in " + where, e);
        }
    }

    Snapshot read(Repository repo, ObjectId commitId, String branch, String where) {
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit commit = walk.parseCommit(commitId);
            PersonIdent author = commit.getAuthorIdent();
            PersonIdent committer = commit.getCommitterIdent();
            // like git, an SSH key's valid-after/valid-before are checked against the committer time
            SignatureVerdict verdict = policy.check(commit.getRawBuffer(), committer.getWhenAsInstant());
            if (verdict instanceof SignatureVerdict.Refused refused) {
                throw new UntrustedCommitException(commit.name(), refused, where);
            }
            return new Snapshot(commit.name(), commit.getShortMessage(),
                    author.getName() + " <" + author.getEmailAddress() + ">",
                    committer.getWhenAsInstant(), branch, verdict, CommitTree.load(repo, reader, commit, root, limits));
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            throw new BargeException(Failure.BAD_INPUT, "commit " + commitId.name() + " is not a readable commit in "
                    + where + ": check the sha", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read commit " + commitId.name() + " in " + where, e);
        }
    }
}
