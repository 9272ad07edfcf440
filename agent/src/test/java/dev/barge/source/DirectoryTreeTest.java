package dev.barge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --repo DIR} never follows a symlink, never reads a special file, and reads within the caps. */
class DirectoryTreeTest {
    @TempDir
    Path tmp;

    private Path repo() throws IOException {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve("stacks/web"));
        Files.writeString(repo.resolve("stacks/web/app.env"), "A=1\n");
        return repo;
    }

    @Test
    void aLinkInsideTheRepoIsRefusedToo() throws IOException {
        Path repo = repo();
        Files.createSymbolicLink(repo.resolve("shared.env"), Path.of("stacks/web/app.env"));
        Files.createSymbolicLink(repo.resolve("stacks/api"), Path.of("web"));
        DirectoryTree tree = new DirectoryTree(repo);

        assertThat(tree.read("stacks/web/app.env")).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("A=1\n"));
        assertThatThrownBy(() -> tree.read("shared.env")).isInstanceOfSatisfying(BargeException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
            assertThat(e.getMessage()).startsWith("shared.env is a symbolic link");
        });
        assertThatThrownBy(() -> tree.read("stacks/api/app.env")).hasMessageStartingWith("stacks/api is a symbolic link");
        assertThatThrownBy(() -> tree.list("stacks/api")).hasMessageStartingWith("stacks/api is a symbolic link");
    }

    /** Listed, so that a linked deployments file is refused rather than silently dropping its stacks. */
    @Test
    void listingShowsLinksAndSpecialFilesButNotDirectories() throws Exception {
        Path repo = repo();
        Files.createSymbolicLink(repo.resolve("stacks/link.yaml"), Path.of("/etc/hostname"));
        assertThat(new ProcessBuilder("mkfifo", repo.resolve("stacks/pipe").toString()).start().waitFor()).isZero();
        Files.createDirectories(repo.resolve("stacks/sub"));

        assertThat(new DirectoryTree(repo).list("stacks")).containsExactly("stacks/link.yaml", "stacks/pipe");
        assertThatThrownBy(() -> new DirectoryTree(repo).read("stacks/pipe")).hasMessageContaining("not a regular file");
    }

    @Test
    void theRootMayBeALinkButNotUnderProc() throws IOException {
        Path repo = repo();
        Path alias = Files.createSymbolicLink(tmp.resolve("alias"), repo);

        assertThat(new DirectoryTree(alias).read("stacks/web/app.env")).isPresent();
        assertThatThrownBy(() -> new DirectoryTree(Path.of("/proc/self"))).isInstanceOfSatisfying(BargeException.class,
                e -> assertThat(e.getMessage()).contains("is under /proc"));
    }

    @Test
    void aPathLeavingTheRootIsRefused() throws IOException {
        DirectoryTree tree = new DirectoryTree(repo());

        assertThatThrownBy(() -> tree.read("../repo/stacks/web/app.env")).hasMessageContaining("leaves the config root");
        assertThatThrownBy(() -> tree.read("/etc/hostname")).hasMessageContaining("leaves the config root");
    }

    @Test
    void aFileReadTwiceCountsOnceAgainstTheTotal() throws IOException {
        Path repo = repo();
        Files.writeString(repo.resolve("a.env"), "A=" + "x".repeat(600));
        Files.writeString(repo.resolve("b.env"), "B=" + "x".repeat(600));
        DirectoryTree tree = new DirectoryTree(repo, new AgentConfig.ReadLimits(1024, 1024));

        tree.read("a.env");
        tree.read("a.env");
        Files.writeString(repo.resolve("a.env"), "changed");
        assertThat(new String(tree.read("a.env").orElseThrow())).as("one load sees one content").startsWith("A=");
        assertThatThrownBy(() -> tree.read("b.env")).isInstanceOfSatisfying(BargeException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
            assertThat(e.getMessage()).contains("b.env").contains("1.0 KiB").contains("source.max_total_size");
        });
    }

    @Test
    void aFileThatGrewPastItsCapIsCaughtWhileReading() throws IOException {
        Path repo = repo();
        Files.writeString(repo.resolve("a.env"), "A=" + "x".repeat(2000));

        assertThatThrownBy(() -> new DirectoryTree(repo, new AgentConfig.ReadLimits(1024, 4096)).read("a.env"))
                .hasMessageContaining("a.env").hasMessageContaining("source.max_file_size");
    }
}
