package dev.barge.source;

import dev.barge.tree.FileTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.ConfigLoader;
import dev.barge.config.InvalidConfigException;
import dev.barge.config.SecretReader;
import dev.barge.config.model.AgentConfig;
import dev.barge.config.model.DesiredState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Git mode ({@code --commit}, the agent): symlinks are blobs, never followed; blobs are loaded only when read. */
class CommitTreeTest {
    private static final String DEPLOYMENT = """
            deployment: app
            match: {environment: staging}
            stacks:
              - name: app
                compose:
                  services:
                    app:
                      image: busybox:1.36
                      env_file: [%s]
            """;

    @TempDir
    Path tmp;

    private Path work() throws IOException {
        return Files.createDirectories(tmp.resolve("work"));
    }

    private static void write(Path work, String path, byte[] content) throws IOException {
        Path file = work.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    private static void write(Path work, String path, String content) throws IOException {
        write(work, path, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void commit(Path work) throws Exception {
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Test", "test@example.com");
            git.commit().setMessage("config").setAuthor(who).setCommitter(who).setSign(false).call();
        }
    }

    private static FileTree head(Path work, AgentConfig.ReadLimits limits) {
        return new LocalGitRepo(work, ".", null, limits).at("HEAD").tree();
    }

    @Test
    void gitModeNeverFollowsACommittedSymlink() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        String marker = "MARKER" + System.nanoTime();
        Files.writeString(outside.resolve("shadow"), "root:" + marker + ":1\n");
        Path work = work();
        write(work, "deployments/app.yaml", DEPLOYMENT.formatted("stacks/shadow"));
        Files.createSymbolicLink(work.resolve("stacks"), outside);
        Files.createSymbolicLink(work.resolve("proc.env"), Path.of("/proc/self/environ"));
        commit(work);
        FileTree tree = head(work, AgentConfig.ReadLimits.DEFAULTS);

        assertThat(tree.list("")).containsExactly("proc.env", "stacks");
        assertThatThrownBy(() -> tree.read("stacks/shadow")).hasMessageStartingWith("stacks is a symbolic link");
        assertThatThrownBy(() -> tree.read("proc.env")).hasMessageStartingWith("proc.env is a symbolic link");
        assertThatThrownBy(() -> ConfigLoader.load(tree, SecretReader.NONE))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.file()).isEqualTo("deployments/app.yaml");
                            assertThat(p.message()).contains("stacks is a symbolic link").doesNotContain(marker);
                        }));
    }

    /**
     * Regression: every file under the config root was loaded when the snapshot was taken (40 files of
     * 45 MB: 3.6 GB and an OutOfMemoryError). Here the unrelated blobs are deleted from the object
     * database after the commit: loading any of them would fail, so the load proves it never did.
     */
    @Test
    void manyBigUnrelatedFilesAreNeverLoaded() throws Exception {
        Path work = work();
        write(work, "deployments/app.yaml", DEPLOYMENT.formatted("app.env"));
        write(work, "app.env", "A=1\n");
        List<ObjectId> unrelated = new ArrayList<>();
        try (ObjectInserter.Formatter ids = new ObjectInserter.Formatter()) {
            for (int i = 0; i < 40; i++) {
                byte[] content = ("file " + i + "\n" + "0".repeat(256 << 10)).getBytes(StandardCharsets.UTF_8);
                write(work, "media/video-" + i + ".bin", content);
                unrelated.add(ids.idFor(Constants.OBJ_BLOB, content));
            }
        }
        commit(work);
        for (ObjectId id : unrelated) {
            String name = id.name();
            Files.delete(work.resolve(".git/objects/" + name.substring(0, 2) + "/" + name.substring(2)));
        }

        FileTree tree = head(work, new AgentConfig.ReadLimits(64 << 10, 128 << 10));
        DesiredState state = ConfigLoader.load(tree, SecretReader.NONE);

        assertThat(state.deployments()).singleElement().satisfies(d -> assertThat(d.name()).isEqualTo("app"));
        assertThat(tree.list("media")).hasSize(40);
        assertThatThrownBy(() -> tree.read("media/video-0.bin")).as("the blob is really gone")
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.failure()).isEqualTo(Failure.RETRY_LATER));
    }

    @Test
    void aBlobOverTheCapIsNamedWithItsSizeAndTheSetting() throws Exception {
        Path work = work();
        write(work, "deployments/app.yaml", DEPLOYMENT.formatted("big.env"));
        write(work, "big.env", "A=" + "x".repeat(5 << 20) + "\n");
        commit(work);

        assertThatThrownBy(() -> ConfigLoader.load(head(work, AgentConfig.ReadLimits.DEFAULTS), SecretReader.NONE))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.message()).contains("big.env in commit").contains("is 5.0 MiB")
                                .contains("4.0 MiB").contains("source.max_file_size")));
    }

    @Test
    void blobsTogetherOverTheTotalCapAreRefused() throws Exception {
        Path work = work();
        write(work, "deployments/app.yaml", "x: " + "y".repeat(700) + "\n");
        write(work, "deployments/b.yaml", "x: " + "y".repeat(700) + "\n");
        commit(work);
        FileTree tree = head(work, new AgentConfig.ReadLimits(1024, 1024));

        assertThat(tree.read("deployments/app.yaml")).isPresent();
        assertThat(tree.read("deployments/app.yaml")).as("a second read costs nothing").isPresent();
        assertThatThrownBy(() -> tree.read("deployments/b.yaml")).isInstanceOfSatisfying(BargeException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
            assertThat(e.getMessage()).contains("deployments/b.yaml").contains("1.0 KiB").contains("source.max_total_size");
        });
    }
}
