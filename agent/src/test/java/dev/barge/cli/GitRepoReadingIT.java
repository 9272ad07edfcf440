package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.cli.CliTest.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan --repo DIR --commit SHA} on the real engine and a repo made by the real git: the commit's
 * symlinks are not followed, and files the config does not name are never loaded (issue 8, findings 3
 * and 9). Plans only: nothing is created; the stack is inside BARGE_STACK_PREFIX=ittree.
 */
class GitRepoReadingIT {
    private static final String DEPLOYMENT = """
            deployment: ittree
            match: {environment: staging}
            stacks:
              - name: ittree1
                compose: {services: {app: {image: busybox:1.36, env_file: [%s]}}}
            """;

    @TempDir
    Path tmp;

    private Path work() throws IOException {
        Path work = Files.createDirectories(tmp.resolve("work"));
        git(work, "init", "-q", "-b", "main");
        return work;
    }

    private void git(Path dir, String... args) {
        String[] command = new String[args.length + 5];
        command[0] = "git";
        command[1] = "-c";
        command[2] = "user.name=barge-test";
        command[3] = "-c";
        command[4] = "user.email=test@example.com";
        System.arraycopy(args, 0, command, 5, args.length);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().put("HOME", tmp.toString());
            builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Run plan(Path work) {
        return CliTest.run(Map.of("BARGE_STACK_PREFIX", "ittree"), "plan", "--repo", work.toString(), "--commit", "HEAD",
                "--state-dir", tmp.resolve("state").toString(), "--node", "vm-1", "--labels", "environment=staging");
    }

    @Test
    void aCommittedSymlinkIsNotFollowed() throws IOException {
        String marker = "MARKER" + System.nanoTime();
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("shadow"), "root:" + marker + ":19000:0:99999:7:::\n");
        Path work = work();
        Files.createDirectories(work.resolve("deployments"));
        Files.writeString(work.resolve("deployments/ittree.yaml"), DEPLOYMENT.formatted("stacks/shadow"));
        Files.createSymbolicLink(work.resolve("stacks"), outside);
        git(work, "add", "-A");
        git(work, "commit", "-q", "-m", "link");

        Run r = plan(work);

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(65);
        assertThat(r.err()).contains("deployments/ittree.yaml:").contains("stacks is a symbolic link");
        assertThat(r.out() + r.err()).doesNotContain(marker);
    }

    /**
     * Regression: 40 files of 45 MB next to the config made plan take 3.6 GB. The unrelated blobs are
     * deleted from the object database after the commit, so any attempt to load one would fail the plan.
     */
    @Test
    void manyBigUnrelatedFilesAreNeverLoaded() throws IOException {
        Path work = work();
        Files.createDirectories(work.resolve("deployments"));
        Files.writeString(work.resolve("deployments/ittree.yaml"), DEPLOYMENT.formatted("app.env"));
        Files.writeString(work.resolve("app.env"), "A=1\n");
        Files.createDirectories(work.resolve("media"));
        for (int i = 0; i < 40; i++) {
            Files.writeString(work.resolve("media/video-" + i + ".bin"), "video " + i + "\n" + "0".repeat(1 << 20));
        }
        git(work, "add", "-A");
        git(work, "commit", "-q", "-m", "media");
        deleteLooseBlobsOf(work, work.resolve("media"));

        Run r = plan(work);

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("ittree1");
    }

    /** git writes each new blob as a loose object: objects/<2 hex>/<38 hex> of its id. */
    private void deleteLooseBlobsOf(Path work, Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                ProcessBuilder builder = new ProcessBuilder("git", "hash-object", file.toString()).directory(work.toFile());
                Process process = builder.start();
                String id = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                Files.delete(work.resolve(".git/objects/" + id.substring(0, 2) + "/" + id.substring(2)));
            }
        }
    }
}
