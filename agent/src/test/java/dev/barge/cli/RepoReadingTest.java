package dev.barge.cli;

import static dev.barge.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.cli.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --repo DIR} is a pull request's checkout in CI: nothing outside it may reach the output, and
 * nothing in it may exhaust memory (issue 8, findings 3 and 9).
 */
class RepoReadingTest {
    @TempDir
    Path tmp;

    /** A repo with one deployment of one stack, {@code stack} being its keys after name. */
    private Path repoWithStack(String stack) throws IOException {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("deployments"));
        Files.writeString(repo.resolve("deployments/app.yaml"), """
                deployment: app
                match: {environment: staging}
                stacks:
                  - name: app
                """ + stack.indent(4));
        return repo;
    }

    /** A repo whose one stack's compose file takes its environment from {@code envFile}. */
    private Path repoWithEnvFile(String envFile) throws IOException {
        return repoWithStack("compose: {services: {app: {image: busybox:1.36, env_file: [" + envFile + "]}}}");
    }

    /** A file outside the repo that reads like /etc/shadow: KEY=VALUE parsing fails on every line and quotes it. */
    private Path outsideSecret(String marker) throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("shadow"), "root:" + marker + ":19000:0:99999:7:::\n" + marker + "=value\n");
        return outside;
    }

    @Test
    void symlinkedStacksDirIsNotFollowed() throws IOException {
        String marker = "MARKER" + System.nanoTime();
        Path repo = repoWithEnvFile("stacks/shadow");
        Files.createSymbolicLink(repo.resolve("stacks"), outsideSecret(marker));

        Run r = run("validate", repo.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(65);
        assertThat(r.err()).contains("deployments/app.yaml:").contains("stacks is a symbolic link")
                .contains("does not follow symlinks");
        assertThat(r.out() + r.err()).doesNotContain(marker).doesNotContain("root:");
    }

    @Test
    void symlinkedStacksDirToEtcPrintsNothingOfEtc() throws IOException {
        Path repo = repoWithEnvFile("stacks/shadow");
        Files.createSymbolicLink(repo.resolve("stacks"), Path.of("/etc"));

        for (String command : new String[] {"validate", "render"}) {
            Run r = run(command, "--labels", "environment=staging", "--node", "vm-1", repo.toString());
            assertThat(r.code()).as(command + ": " + r.err()).isEqualTo(65);
            assertThat(r.err()).as(command).contains("stacks is a symbolic link");
            assertThat(r.out() + r.err()).as(command).doesNotContain("root:").doesNotContain("daemon:");
        }
    }

    @Test
    void envFileLinkedOutsideTheRepoIsNeverPrinted() throws IOException {
        String marker = "MARKER" + System.nanoTime();
        Path repo = repoWithEnvFile("app.env");
        Files.createSymbolicLink(repo.resolve("app.env"), outsideSecret(marker).resolve("shadow"));

        Run render = run("render", "--labels", "environment=staging", "--node", "vm-1", repo.toString());

        assertThat(render.code()).as(render.err()).isEqualTo(65);
        assertThat(render.err()).contains("app.env is a symbolic link");
        assertThat(render.out() + render.err()).doesNotContain(marker);
    }

    @Test
    void envFileLinkedToProcSelfEnvironIsNotRead() throws IOException {
        Path repo = repoWithEnvFile("ci.env");
        Files.createSymbolicLink(repo.resolve("ci.env"), Path.of("/proc/self/environ"));

        Run render = run("render", "--labels", "environment=staging", "--node", "vm-1", repo.toString());

        assertThat(render.code()).as(render.err()).isEqualTo(65);
        assertThat(render.err()).contains("ci.env is a symbolic link");
        assertThat(render.out() + render.err()).doesNotContain("PATH=").doesNotContain(System.getenv("PATH"));
    }

    @Test
    void deploymentEnvFilesThroughALinkAreRefusedToo() throws IOException {
        String marker = "MARKER" + System.nanoTime();
        Path repo = repoWithStack("env_files: [secrets/shadow]\ncompose: {services: {app: {image: busybox:1.36}}}");
        Files.createSymbolicLink(repo.resolve("secrets"), outsideSecret(marker));

        Run r = run("validate", repo.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(65);
        assertThat(r.err()).contains("secrets is a symbolic link");
        assertThat(r.out() + r.err()).doesNotContain(marker);
    }

    /** A FIFO would block the read forever; a device would stream without end. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void envFileThatIsAPipeIsRefusedWithoutReadingIt() throws Exception {
        Path repo = repoWithEnvFile("app.env");
        Process mkfifo = new ProcessBuilder("mkfifo", repo.resolve("app.env").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        Run r = run("validate", repo.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(65);
        assertThat(r.err()).contains("app.env").contains("not a regular file");
    }

    @Test
    void aFileOverTheDefaultSizeCapIsNamedWithItsSizeAndTheSetting() throws IOException {
        Path repo = repoWithEnvFile("big.env");
        Files.write(repo.resolve("big.env"), ("A=" + "x".repeat(5 << 20) + "\n").getBytes());

        Run r = run("validate", repo.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(65);
        assertThat(r.err()).contains("big.env").contains("5.0 MiB").contains("4.0 MiB")
                .contains("source.max_file_size");
    }

    /** validate with an agent config whose source: has {@code settings}; it must fail with 65. */
    private Run validateWith(String settings, Path repo) throws IOException {
        Path agent = tmp.resolve("agent.yaml");
        Files.writeString(agent, "source: {url: repo, " + settings + "}\n");
        Run r = run("validate", "--config", agent.toString(), repo.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(65);
        return r;
    }

    @Test
    void aFileOverTheConfiguredSizeCapIsRefused() throws IOException {
        Path repo = repoWithEnvFile("app.env");
        Files.writeString(repo.resolve("app.env"), "A=" + "x".repeat(2000) + "\n");
        Run r = validateWith("max_file_size: 1k", repo);

        assertThat(r.err()).contains("app.env").contains("1.0 KiB").contains("source.max_file_size");
    }

    @Test
    void filesTogetherOverTheTotalCapAreRefused() throws IOException {
        Path repo = repoWithEnvFile("a.env, b.env, c.env");
        for (String name : new String[] {"a", "b", "c"}) {
            Files.writeString(repo.resolve(name + ".env"), name.toUpperCase() + "=" + "x".repeat(800) + "\n");
        }
        Run r = validateWith("max_file_size: 1k, max_total_size: 2k", repo);

        assertThat(r.err()).contains("c.env").contains("2.0 KiB").contains("source.max_total_size");
    }

    @Test
    void aSecretsCommandRefusesAFileOverTheCap() throws IOException {
        Path big = tmp.resolve("big.env");
        Files.write(big, ("A=" + "x".repeat(5 << 20) + "\n").getBytes());

        Run r = run("secrets", "encrypt", "--age", "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq", big.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(65);
        assertThat(r.err()).contains("big.env").contains("4 MiB");
    }
}
