package dev.barge.source;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig;
import dev.barge.record.StateDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TrackingRefUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The config repository as a remote: fetches {@code source.branch} into a bare cache under
 * {@code <state_dir>/repo.git} and reads commits from it. Every network call has the configured
 * timeout; every JGit failure leaves as a {@link BargeException} (69 retry later, 77 refused,
 * 65 bad input). With {@code source.verify} set, a commit that is not signed by a listed key is
 * refused with {@link UntrustedCommitException}.
 *
 * <pre>{@code
 * Snapshot head = new GitSource(agentConfig.source(), agentConfig.stateDir()).fetch();
 * }</pre>
 */
public final class GitSource {
    private static final Logger LOG = LoggerFactory.getLogger(GitSource.class);
    /** Used when {@code source.timeout} is not set. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final String DEFAULT_BRANCH = "main";
    private static final java.util.Set<String> WARNED_INSECURE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final RemoteUrl url;
    private final String branch;
    private final AgentConfig.Auth auth;
    private final Duration timeout;
    private final Path stateDir;
    private final RepoCache cache;
    private final CommitReader reader;
    private final boolean allowForcePush;

    /** Checks the settings eagerly (URL, branch, auth against the URL kind, verify, source.path). */
    public GitSource(AgentConfig.Source source, Path stateDir) {
        this(source, stateDir, Clock.systemUTC());
    }

    /** @param clock the time signing keys' validity is checked at */
    public GitSource(AgentConfig.Source source, Path stateDir, Clock clock) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(stateDir, "stateDir");
        this.url = RemoteUrl.parse(source.url());
        this.branch = source.branch() == null || source.branch().isBlank() ? DEFAULT_BRANCH : source.branch().strip();
        if (!Repository.isValidRefName("refs/heads/" + branch)) {
            throw new BargeException(Failure.BAD_INPUT, "source.branch '" + branch + "' is not a valid branch name");
        }
        this.auth = AuthSettings.check(url, source.auth());
        if (url.kind() == RemoteUrl.Kind.GIT) {
            requireVerifiedOverGit(source);
            GitDaemonTransport.install();
        }
        this.timeout = source.timeout() == null ? DEFAULT_TIMEOUT : source.timeout();
        if (timeout.isNegative() || timeout.isZero()) {
            throw new BargeException(Failure.BAD_INPUT, "source.timeout must be positive, got " + timeout);
        }
        if ("http".equalsIgnoreCase(url.uri().getScheme()) && (auth.tokenFile() != null || auth.passwordFile() != null)) {
            LOG.warn("source.url {} is plain http: the credentials travel unencrypted; use https", url.redacted());
        }
        this.stateDir = stateDir.toAbsolutePath().normalize();
        this.cache = new RepoCache(this.stateDir, url, branch);
        this.reader = new CommitReader(source.path(), SignaturePolicy.of(source.verify(), clock), source.limits());
        this.allowForcePush = source.allowForcePush();
    }

    /** git:// has no transport security: anyone on the path can change what is fetched; only signatures tell. */
    private void requireVerifiedOverGit(AgentConfig.Source source) {
        if (source.verify() == null && !source.allowInsecureTransport()) {
            throw new BargeException(Failure.REFUSED, "source.url " + url.redacted() + " uses git://, which has no transport"
                    + " security, and source.verify is not set: set source.verify (signed commits), use https or ssh,"
                    + " or set source.allow_insecure_transport: true");
        }
        if (!WARNED_INSECURE.add(url.redacted())) {
            return; // once per URL: the daemon makes a GitSource for each reconcile
        }
        LOG.warn("source.url {} uses git://, which has no transport security: {}", url.redacted(), source.verify() != null
                ? "only the commit signatures (source.verify) protect what is fetched"
                : "anyone on the network path can change what is fetched (source.allow_insecure_transport is set)");
    }

    /** "branch main of https://host/repo.git", for messages. */
    public String describe() {
        return "branch " + branch + " of " + url.redacted();
    }

    /** The bare cache directory ({@code <state_dir>/repo.git}). */
    public Path cacheDirectory() {
        return cache.directory();
    }

    /** {@link #fetch(Optional)} with no applied commit to descend from. */
    public synchronized Snapshot fetch() {
        return fetch(Optional.empty());
    }

    /**
     * Fetches the branch (cloning on first use, re-cloning a broken cache) and returns its head.
     *
     * @param lastApplied the commit the node runs now ({@code NodeState.appliedCommit}): a head that
     *                    does not descend from it (a force push, a reset to an older commit) is refused
     *                    unless {@code source.allow_force_push} is set; rollback and
     *                    {@code apply --commit} go back on purpose
     * @throws BargeException REFUSED for such a head
     */
    public synchronized Snapshot fetch(Optional<String> lastApplied) {
        return locked(() -> {
            try (RemoteAccess access = access()) {
                return synced(access, (repo, head) -> {
                    lastApplied.filter(GitSource::isSha).ifPresent(applied -> requireDescends(repo, applied, head));
                    return reader.read(repo, head, branch, describe());
                });
            }
        });
    }

    private static boolean isSha(String commit) {
        return commit.matches("[0-9a-f]{40}([0-9a-f]{24})?");
    }

    private void requireDescends(Repository repo, String applied, ObjectId head) {
        if (applied.equals(head.name())) {
            return;
        }
        ObjectId appliedId = ObjectId.fromString(applied);
        if (isAncestor(repo, appliedId, head)) {
            return;
        }
        String message = describe() + " is at " + head.abbreviate(12).name() + ", which does not descend from the last"
                + " applied commit " + appliedId.abbreviate(12).name() + " (a force push, or a reset to an older commit)";
        if (allowForcePush) {
            LOG.warn("{}: following it, as source.allow_force_push is set", message);
            return;
        }
        throw new BargeException(Failure.REFUSED, message + ": refused, so that a downgrade cannot be pushed;"
                + " to deploy it on purpose run barge apply --commit " + head.abbreviate(12).name()
                + " (or barge rollback), or set source.allow_force_push: true");
    }

    /**
     * A given commit: a full or unambiguous short sha (any revision git understands works too). Read
     * from the cache when it is there, otherwise after one fetch of the branch.
     */
    public synchronized Snapshot at(String commit) {
        return locked(() -> {
            Optional<Snapshot> local = readCached(commit);
            if (local.isPresent()) {
                return local.get();
            }
            try (RemoteAccess access = access()) {
                synced(access, (repo, head) -> head);
            }
            return readCached(commit).orElseThrow(() -> new BargeException(Failure.BAD_INPUT, "commit " + commit
                    + " not found in " + describe() + ": check the sha (only commits of source.branch are fetched)"));
        });
    }

    /** The sha the remote branch points at now, without fetching (ls-remote). */
    public String remoteHead() {
        try (RemoteAccess access = access()) {
            Collection<Ref> refs;
            try {
                refs = access.apply(Git.lsRemoteRepository().setRemote(url.withoutCredentials()).setHeads(true)).call();
            } catch (GitAPIException | JGitInternalException e) {
                throw GitFailures.translate(e, url, branch, access);
            }
            return refs.stream().filter(r -> r.getName().equals(cache.branchRef())).findFirst()
                    .map(r -> r.getObjectId().name())
                    .orElseThrow(() -> new BargeException(Failure.BAD_INPUT, "branch " + branch + " not found on "
                            + url.redacted() + ": check source.branch, or push the branch"));
        }
    }

    private Optional<Snapshot> readCached(String commit) {
        Optional<Repository> cached = cache.openValid();
        if (cached.isEmpty()) {
            return Optional.empty();
        }
        try (Repository repo = cached.get()) {
            ObjectId id = CommitReader.resolve(repo, commit, describe());
            return id == null ? Optional.empty() : Optional.of(reader.read(repo, id, branch, describe()));
        } catch (UncheckedIOException e) {
            LOG.warn("git cache {} is broken ({}): it will be cloned again", cache.directory(), rootCause(e));
            cache.discard();
            return Optional.empty();
        }
    }

    /**
     * Brings the cache up to date with the remote branch and hands it to {@code use} with the new head.
     * A cache that fails while fetching or reading (missing objects, broken packs or refs) is cloned
     * again once.
     */
    private <T> T synced(RemoteAccess access, BiFunction<Repository, ObjectId, T> use) {
        Optional<Repository> cached = cache.openValid();
        if (cached.isPresent()) {
            try (Repository repo = cached.get()) {
                return use.apply(repo, update(repo, access));
            } catch (BrokenCache | UncheckedIOException e) {
                LOG.warn("git cache {} is broken ({}): re-cloning {}", cache.directory(), rootCause(e), url.redacted());
            }
        } else {
            LOG.info("cloning {} into {}", describe(), cache.directory());
        }
        ObjectId[] head = new ObjectId[1];
        try (Repository repo = cache.createWith(r -> head[0] = update(r, access))) {
            return use.apply(repo, head[0]);
        } catch (BrokenCache | UncheckedIOException e) {
            throw new BargeException(Failure.FAILED, "a fresh clone of " + describe() + " into " + cache.directory()
                    + " is unreadable (" + rootCause(e) + "): check the disk under state_dir", e);
        }
    }

    /** Fetches the branch with a forced refspec and returns its new head. */
    private ObjectId update(Repository repo, RemoteAccess access) {
        String ref = cache.branchRef();
        ObjectId before = head(repo, ref);
        // JGit runs auto-gc after a fetch, detached by default: keep it inside the cache lock, so it never
        // races a re-clone or the rename of a fresh clone into place
        repo.getConfig().setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
        FetchResult result;
        try {
            result = access.apply(Git.wrap(repo).fetch()
                    .setRemote(url.withoutCredentials())
                    .setRefSpecs(new RefSpec("+" + ref + ":" + ref))
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setRemoveDeletedRefs(false)).call();
        } catch (GitAPIException | JGitInternalException e) {
            if (isLocalCorruption(e)) {
                throw new BrokenCache(e);
            }
            throw GitFailures.translate(e, url, branch, access);
        }
        TrackingRefUpdate update = result.getTrackingRefUpdate(ref);
        if (update != null && isFailure(update.getResult())) {
            throw new BrokenCache(new IOException("updating " + ref + " failed: " + update.getResult()));
        }
        ObjectId after = head(repo, ref);
        if (after == null) {
            throw new BargeException(Failure.BAD_INPUT, "branch " + branch + " not found on " + url.redacted()
                    + ": check source.branch, or push the branch");
        }
        if (before != null && !before.equals(after)) {
            if (isAncestor(repo, before, after)) {
                LOG.info("{} moved {} -> {}", describe(), before.abbreviate(7).name(), after.abbreviate(7).name());
            } else {
                LOG.warn("{} was force-pushed: {} is not an ancestor of the new head {}", describe(),
                        before.abbreviate(7).name(), after.abbreviate(7).name());
            }
        }
        return after;
    }

    private static boolean isFailure(RefUpdate.Result result) {
        return result == RefUpdate.Result.LOCK_FAILURE || result == RefUpdate.Result.IO_FAILURE
                || result == RefUpdate.Result.REJECTED || result == RefUpdate.Result.REJECTED_OTHER_REASON;
    }

    private static ObjectId head(Repository repo, String ref) {
        try {
            Ref found = repo.exactRef(ref);
            return found == null ? null : found.getObjectId();
        } catch (IOException e) {
            throw new BrokenCache(e);
        }
    }

    private static boolean isAncestor(Repository repo, ObjectId older, ObjectId newer) {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.isMergedInto(walk.parseCommit(older), walk.parseCommit(newer));
        } catch (IOException e) {
            return false; // the old head may be unreadable; treat it as history rewritten
        }
    }

    /** A failure in the cache itself rather than on the wire: missing or corrupt objects, packs, locks. */
    private static boolean isLocalCorruption(Throwable error) {
        boolean transport = false;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String type = t.getClass().getName();
            if (t instanceof org.eclipse.jgit.errors.MissingObjectException
                    || t instanceof org.eclipse.jgit.errors.CorruptObjectException
                    || t instanceof org.eclipse.jgit.errors.PackInvalidException
                    || t instanceof org.eclipse.jgit.errors.CorruptPackIndexException
                    || t instanceof org.eclipse.jgit.errors.LockFailedException
                    || type.endsWith("PackMismatchException")) {
                return true;
            }
            transport |= t instanceof org.eclipse.jgit.errors.TransportException
                    || t instanceof org.eclipse.jgit.api.errors.TransportException
                    || t instanceof java.net.SocketException
                    || t instanceof java.io.InterruptedIOException;
        }
        return error instanceof JGitInternalException && !transport;
    }

    private <T> T locked(Supplier<T> action) {
        StateDir.open(stateDir);
        CacheLock lock = CacheLock.acquire(stateDir.resolve(RepoCache.DIRECTORY + ".lock"), timeout.multipliedBy(2));
        try {
            return action.get();
        } finally {
            lock.close();
        }
    }

    private RemoteAccess access() {
        StateDir.open(stateDir);
        return RemoteAccess.open(url, auth, stateDir.resolve("ssh"), timeout);
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }

    /** The cache failed under us (not the remote): thrown inside this class only, answered by a re-clone. */
    private static final class BrokenCache extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BrokenCache(Throwable cause) {
            super(cause);
        }
    }
}
