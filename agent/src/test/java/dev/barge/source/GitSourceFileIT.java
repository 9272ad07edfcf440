package dev.barge.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GitSource against a file:// remote made with the git CLI: cache, force-push, corruption, paths. */
class GitSourceFileIT {
    @TempDir
    Path tmp;
    GitFixture repo;
    Path state;

    @BeforeEach
    void repo() {
        repo = new GitFixture(tmp.resolve("git"));
        state = tmp.resolve("state");
        repo.write("deployments/mars.yaml", "deployment: mars\n")
                .write("stacks/web/compose.yaml", "services: {}\n")
                .write("README.md", "config\n");
    }

    @Test
    void fetchClonesOnceAndReadsTheHeadFromTheObjectDatabase() {
        String sha = repo.commit("Deploy web 1.27\n\nwith a body");
        repo.push();

        Snapshot snapshot = new GitSource(Sources.of(repo.fileUrl()), state).fetch();

        assertThat(snapshot.commit()).isEqualTo(sha);
        assertThat(snapshot.message()).isEqualTo("Deploy web 1.27");
        assertThat(snapshot.author()).isEqualTo("Ada Lovelace <ada@example.com>");
        assertThat(snapshot.branch()).isEqualTo("main");
        assertThat(snapshot.verdict()).isEqualTo(SignatureVerdict.NotChecked.INSTANCE);
        assertThat(snapshot.tree().describe()).isEqualTo(sha.substring(0, 7));
        assertThat(snapshot.tree().read("deployments/mars.yaml")).hasValueSatisfying(b -> assertThat(new String(b, UTF_8)).isEqualTo("deployment: mars\n"));
        assertThat(snapshot.tree().read("./stacks/web/../web/compose.yaml")).isPresent();
        assertThat(snapshot.tree().read("deployments/none.yaml")).isEmpty();
        assertThat(snapshot.tree().list("")).containsExactly("README.md");
        assertThat(snapshot.tree().list("deployments")).containsExactly("deployments/mars.yaml");
        assertThat(snapshot.tree().list("nothing")).isEmpty();
        assertThat(state.resolve("repo.git/objects")).isDirectory();
        assertThat(state.resolve("repo.git/config")).content().contains("bare = true");
    }

    @Test
    void nextFetchFollowsNewCommits() {
        repo.commit("one");
        repo.push();
        GitSource source = new GitSource(Sources.of(repo.fileUrl()), state);
        source.fetch();

        repo.write("deployments/mars.yaml", "deployment: mars2\n");
        String two = repo.commit("two");
        repo.push();

        Snapshot snapshot = source.fetch();
        assertThat(snapshot.commit()).isEqualTo(two);
        assertThat(new String(snapshot.tree().read("deployments/mars.yaml").orElseThrow(), UTF_8)).isEqualTo("deployment: mars2\n");
    }

    @Test
    void forcePushedBranchIsFollowedAndTheOldCommitStaysReadable() {
        String base = repo.commit("base");
        repo.write("README.md", "old line\n");
        String old = repo.commit("to be rewritten");
        repo.push();
        GitSource source = new GitSource(Sources.of(repo.fileUrl()), state);
        assertThat(source.fetch().commit()).isEqualTo(old);

        repo.git(repo.work, "reset", "-q", "--hard", base);
        repo.write("README.md", "new line\n");
        String rewritten = repo.commit("rewritten");
        repo.forcePush();

        Snapshot snapshot = source.fetch();
        assertThat(snapshot.commit()).isEqualTo(rewritten);
        assertThat(new String(snapshot.tree().read("README.md").orElseThrow(), UTF_8)).isEqualTo("new line\n");
        // a rollback to the commit the force-push dropped still finds it in the cache
        assertThat(source.at(old).commit()).isEqualTo(old);
    }

    @Test
    void deletedCacheIsClonedAgain() throws IOException {
        String sha = repo.commit("one");
        repo.push();
        GitSource source = new GitSource(Sources.of(repo.fileUrl()), state);
        source.fetch();

        deleteTree(state.resolve("repo.git"));

        assertThat(source.fetch().commit()).isEqualTo(sha);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"objects directory removed", "pack files removed", "garbage in the branch ref", "HEAD removed",
            "config lost", "cloned from another URL"})
    void brokenCacheIsClonedAgain(String damage) throws IOException {
        repo.commit("one");
        repo.push();
        GitSource source = new GitSource(Sources.of(repo.fileUrl()), state);
        source.fetch();
        Path cache = state.resolve("repo.git");
        new GitFixture(tmp.resolve("pack")).git(cache, "repack", "-q", "-a", "-d"); // loose objects -> one pack
        String two = repo.commit("two");
        repo.push();

        switch (damage) {
            case "objects directory removed" -> deleteTree(cache.resolve("objects"));
            case "pack files removed" -> {
                try (Stream<Path> packs = Files.list(cache.resolve("objects/pack"))) {
                    for (Path p : packs.toList()) {
                        Files.delete(p);
                    }
                }
            }
            case "garbage in the branch ref" -> {
                Files.deleteIfExists(cache.resolve("packed-refs"));
                Files.writeString(cache.resolve("refs/heads/main"), "this is not a sha\n");
            }
            case "HEAD removed" -> Files.delete(cache.resolve("HEAD"));
            case "config lost" -> Files.writeString(cache.resolve("config"), "[core\n garbage");
            case "cloned from another URL" -> Files.writeString(cache.resolve("config"),
                    Files.readString(cache.resolve("config")).replace(repo.remote.toString(), "/elsewhere.git"));
            default -> throw new IllegalArgumentException(damage);
        }

        assertThat(source.fetch().commit()).isEqualTo(two);
    }

    @Test
    void atReadsAGivenCommitByShortSha() {
        String one = repo.commit("one");
        repo.write("deployments/mars.yaml", "deployment: changed\n");
        repo.commit("two");
        repo.push();
        GitSource source = new GitSource(Sources.of(repo.fileUrl()), state);

        Snapshot snapshot = source.at(one.substring(0, 8));

        assertThat(snapshot.commit()).isEqualTo(one);
        assertThat(new String(snapshot.tree().read("deployments/mars.yaml").orElseThrow(), UTF_8)).isEqualTo("deployment: mars\n");
    }

    @Test
    void unknownCommitIsBadInput() {
        repo.commit("one");
        repo.push();
        GitSource source = new GitSource(Sources.of(repo.fileUrl()), state);

        assertThatThrownBy(() -> source.at("deadbeefdeadbeef"))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
                    assertThat(e.getMessage()).contains("deadbeefdeadbeef").contains("not found");
                });
    }

    @Test
    void missingBranchIsBadInputNamingTheBranch() {
        repo.commit("one");
        repo.push();

        assertThatThrownBy(() -> new GitSource(Sources.withBranch(repo.fileUrl(), "release"), state).fetch())
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
                    assertThat(e.getMessage()).contains("branch release not found on " + repo.fileUrl());
                });
        assertThat(state.resolve("repo.git")).doesNotExist();
    }

    @Test
    void missingRepositoryIsBadInput() {
        assertThatThrownBy(() -> new GitSource(Sources.of("file://" + tmp.resolve("nothing.git")), state).fetch())
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT));
    }

    @Test
    void configRootIsSourcePathAndPathsCannotLeaveIt() throws IOException {
        repo.write("deploy/deployments/a.yaml", "deployment: a\n");
        Files.createSymbolicLink(repo.work.resolve("deploy/passwd"), Path.of("../README.md")); // points out of the config root
        repo.commit("nested");
        repo.push();

        Snapshot snapshot = new GitSource(Sources.withPath(repo.fileUrl(), "deploy/"), state).fetch();

        assertThat(snapshot.tree().list("deployments")).containsExactly("deployments/a.yaml");
        assertThatThrownBy(() -> snapshot.tree().read("passwd")).as("symlinks are not followed")
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.getMessage()).contains("symbolic link"));
        assertThat(snapshot.tree().list("")).as("a link is listed, so reading it is refused rather than missing").containsExactly("passwd");
        assertThatThrownBy(() -> snapshot.tree().read("../README.md"))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
                    assertThat(e.getMessage()).contains("leaves the config root");
                });
    }

    @Test
    void missingConfigRootIsBadInput() {
        repo.commit("one");
        repo.push();

        assertThatThrownBy(() -> new GitSource(Sources.withPath(repo.fileUrl(), "nope"), state).fetch())
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
                    assertThat(e.getMessage()).contains("config root nope");
                });
    }

    @Test
    void localRepoIsReadAtACommitIgnoringUncommittedEdits() throws IOException {
        String one = repo.commit("one");
        repo.write("deployments/mars.yaml", "deployment: two\n");
        String two = repo.commit("two");
        repo.write("deployments/mars.yaml", "deployment: uncommitted\n");

        LocalGitRepo local = new LocalGitRepo(repo.work.resolve("deployments"), ".", null);

        assertThat(local.at("HEAD").commit()).isEqualTo(two);
        assertThat(new String(local.at("HEAD").tree().read("deployments/mars.yaml").orElseThrow(), UTF_8)).isEqualTo("deployment: two\n");
        assertThat(local.at(one.substring(0, 7)).commit()).isEqualTo(one);
        assertThat(local.at("HEAD~1").branch()).isEqualTo("main");
        assertThatThrownBy(() -> new LocalGitRepo(tmp, ".", null).at("HEAD"))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.getMessage()).contains("not inside a git repository"));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
