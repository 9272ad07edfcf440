package dev.barge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.record.HistoryEntry;
import dev.barge.record.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, bug 2: while a rollback pins the node, apply plans the pinned commit with the image digests
 * recorded for it, so a tag that moved since does not undo the rollback, and plan shows what runs.
 * A registry on 127.0.0.1 without auth; stack itpin; no ports.
 */
class PinnedRollbackIT {

    private static final String STACK = "itpin";
    private static final String SECOND_IMAGE = "barge-it/itpin:two";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path work;
    private LocalRegistry registry;
    private String tag;

    @AfterEach
    void cleanUp() {
        Engine.cleanUp(STACK);
        Engine.cli(Map.of(), "rm", "-f", STACK + "-build");
        if (tag != null) {
            String repository = tag.substring(0, tag.lastIndexOf(':'));
            // by reference, never by id: the id is busybox:1.36's too, which this test did not create
            String refs = Engine.docker(Map.of(), "images", "--digests", "--format",
                    "{{.Repository}}:{{.Tag}}\n{{.Repository}}@{{.Digest}}", repository);
            for (String ref : refs.lines().filter(r -> !r.contains("<none>")).distinct().toList()) {
                Engine.cli(Map.of(), "rmi", ref);
            }
        }
        Engine.cli(Map.of(), "rmi", SECOND_IMAGE);
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aPinnedNodeKeepsItsRollbacksImagesWhenTheTagHasMoved() throws IOException {
        Engine.cleanUp(STACK);
        registry = LocalRegistry.start(work.resolve("registry"), null, null);
        tag = registry.push("busybox:1.36", "barge-it/itpin:moving");
        Path repo = work.resolve("repo");
        Files.createDirectories(repo.resolve("deployments"));
        Files.writeString(repo.resolve("deployments/itpin.yaml"), deployment("one"));
        Shell.git(repo, "init", "-q", "-b", "main");
        String commit1 = Shell.commitAll(repo, "one");
        Path state = work.resolve("state");
        Path agent = work.resolve("agent.yaml");
        Files.writeString(agent, """
                node: {name: it-pin, labels: {role: it}}
                source: {url: "file://%s", branch: main, path: .}
                state_dir: %s
                apply: {settle_time: 1s}
                """.formatted(repo, state));

        assertThat(barge("apply", "--config", agent.toString(), "--auto-approve").exitCode()).isZero();
        String firstDigest = new StateStore(state).history().get(0).digests().get("itpin/web");
        assertThat(firstDigest).startsWith(registry.address() + "/barge-it/itpin@sha256:");
        String firstImage = imageId(firstDigest);

        // another image under the same tag, and a commit that is applied with it
        Engine.docker(Map.of(), "create", "--name", STACK + "-build", "busybox:1.36", "true");
        Engine.docker(Map.of(), "commit", "--change", "LABEL dev.barge.it=itpin-two", STACK + "-build", SECOND_IMAGE);
        registry.push(SECOND_IMAGE, "barge-it/itpin:moving");
        Files.writeString(repo.resolve("deployments/itpin.yaml"), deployment("two"));
        Shell.commitAll(repo, "two");
        BargeProcess.Result second = barge("apply", "--config", agent.toString(), "--auto-approve");
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(runningImage()).isNotEqualTo(firstImage);

        BargeProcess.Result rollback = barge("rollback", commit1.substring(0, 10), "--config", agent.toString(),
                "--auto-approve");
        assertThat(rollback.exitCode()).as(rollback.output()).isZero();
        assertThat(rollback.output()).contains(firstDigest);
        assertThat(runningImage()).isEqualTo(firstImage);

        BargeProcess.Result pinned = barge("apply", "--config", agent.toString(), "--auto-approve");
        assertThat(pinned.exitCode()).as(pinned.output()).isZero();
        assertThat(pinned.output()).contains("pinned to " + commit1.substring(0, 12)).contains("No changes.");
        assertThat(runningImage()).isEqualTo(firstImage);
        BargeProcess.Result plan = barge("plan", "--exit-code", "--config", agent.toString());
        assertThat(plan.exitCode()).as(plan.output()).isZero();
        assertThat(plan.output()).contains("No changes.");
        List<HistoryEntry> history = new StateStore(state).history();
        assertThat(history.get(history.size() - 1).digests()).containsEntry("itpin/web", firstDigest);
    }

    private String deployment(String greeting) {
        return """
                deployment: itpin
                match: {role: it}
                stacks:
                  - name: itpin
                    compose:
                      services:
                        web:
                          image: %s
                          pull_policy: always
                          command: ["sleep", "1d"]
                          environment: {GREETING: %s}
                          stop_grace_period: 1s
                """.formatted(tag, greeting);
    }

    private static String imageId(String ref) {
        return Engine.docker(Map.of(), "image", "inspect", "-f", "{{.Id}}", ref).strip();
    }

    private static String runningImage() {
        return Engine.docker(Map.of(), "inspect", "-f", "{{.Image}}", STACK + "-web-1").strip();
    }

    private BargeProcess.Result barge(String... args) throws IOException {
        Path dockerConfig = Files.createDirectories(work.resolve("empty-docker-config"));
        return BargeProcess.run(work, BargeProcess.env(STACK, dockerConfig, Map.of()), TIMEOUT, args);
    }
}
