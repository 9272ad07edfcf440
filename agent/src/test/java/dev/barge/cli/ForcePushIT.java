package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 7 of issue 8, through the CLI against the real engine: after an apply of the newest commit,
 * the branch is reset to an older commit. apply refuses (77) naming both commits and the setting,
 * instead of deploying the older config; with source.allow_force_push it follows the branch. The
 * deployment matches no stack of this node, so nothing is created in the engine.
 */
class ForcePushIT {
    @TempDir
    Path tmp;

    private Path remote;
    private Path work;

    private String git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Ada", "-c", "user.email=ada@example.com",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("HOME", tmp.toString());
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("git %s: %s", args, out).isZero();
        return out.strip();
    }

    private String commit(String marker) throws Exception {
        Files.writeString(work.resolve("deployments/a.yaml"), "# " + marker + "\ndeployment: a\nmatch: {client: nobody}\n"
                + "stacks:\n  - name: itstate-web\n    compose: {services: {web: {image: barge-test/busybox:1}}}\n");
        git(work, "add", "-A");
        git(work, "commit", "-q", "-m", marker);
        git(work, "push", "-q", "--force", "origin", "HEAD:refs/heads/main");
        return git(work, "rev-parse", "HEAD");
    }

    private Path agent(boolean allowForcePush) throws IOException {
        return Files.writeString(tmp.resolve("agent.yaml"), "node: {name: itstate-1, labels: {client: itstate}}\n"
                + "source:\n  url: file://" + remote + "\n  branch: main\n  allow_force_push: " + allowForcePush + "\n"
                + "state_dir: " + tmp.resolve("state") + "\n");
    }

    private CliTest.Run apply(Path agent) throws IOException {
        Path dockerConfig = Files.createDirectories(tmp.resolve("docker-config"));
        return CliTest.run(Map.of("BARGE_STACK_PREFIX", "itstate", "DOCKER_CONFIG", dockerConfig.toString(), "NO_COLOR", "1"),
                "apply", "--config", agent.toString(), "--auto-approve");
    }

    @Test
    void branchResetToAnOlderCommitIsRefusedUnlessAllowForcePush() throws Exception {
        remote = tmp.resolve("remote.git");
        work = Files.createDirectories(tmp.resolve("work/deployments")).getParent();
        git(tmp, "init", "-q", "--bare", "-b", "main", remote.toString());
        git(work, "init", "-q", "-b", "main");
        git(work, "remote", "add", "origin", remote.toString());
        String old = commit("OLD-VULNERABLE");
        String patched = commit("NEW-PATCHED");
        Path agent = agent(false);
        CliTest.Run first = apply(agent);
        assertThat(first.code()).as(first.out() + first.err()).isZero();

        git(work, "reset", "-q", "--hard", old);
        git(work, "push", "-q", "--force", "origin", "HEAD:refs/heads/main");
        CliTest.Run downgrade = apply(agent);

        assertThat(downgrade.code()).as(downgrade.out() + downgrade.err()).isEqualTo(77);
        assertThat(downgrade.err()).contains("is at " + old.substring(0, 12))
                .contains("does not descend from the last applied commit " + patched.substring(0, 12))
                .contains("source.allow_force_push: true").hasLineCount(1);
        assertThat(Files.readString(tmp.resolve("state/state.json"))).contains(patched);

        CliTest.Run allowed = apply(agent(true));
        assertThat(allowed.code()).as(allowed.out() + allowed.err()).isZero();
        assertThat(Files.readString(tmp.resolve("state/state.json"))).contains("\"applied_commit\" : \"" + old);
    }
}
