package dev.barge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.barge.record.HistoryEntry;
import dev.barge.record.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code barge apply} killed with SIGKILL at points of an apply; the next apply converges, a plan
 * after it has nothing to do, no parked {@code -barge-old} container is left, the service answers,
 * and the state dir still reads. Kills are triggered by the intermediate state the test sees (bytes
 * of a pull passing, a parked container, a healthy replacement, the apply's summary line), not by
 * sleeps. Stacks itcrasha/b/c/d, ports 19304-19307.
 */
class CrashSafetyIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(50);

    @TempDir
    Path work;
    private String stack;
    private String healthTimeout = "60s";
    private final List<String> cleanups = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        if (stack != null) {
            Engine.cleanUp(stack);
        }
        cleanups.forEach(ref -> Engine.cli(Map.of(), "rmi", ref));
    }

    @Test
    void killedWhilePullingTheRunningContainerIsUntouchedAndTheNextApplyPullsAndReplaces() throws IOException {
        use("itcrasha");
        int port = 19304;
        try (LocalRegistry registry = LocalRegistry.start(work.resolve("registry"), null, null);
             ThrottlingProxy slow = new ThrottlingProxy(registry.port(), 32 * 1024)) {
            // a layer the engine does not have yet, so that the pull has something to download
            String built = "barge-it/crash-pull:" + ProcessHandle.current().pid();
            try {
                Engine.docker(Map.of(), "run", "--name", "itcrasha-build", "busybox:1.36", "sh", "-c",
                        "head -c 524288 /dev/urandom > /junk");
                Engine.docker(Map.of(), "commit", "itcrasha-build", built);
                registry.push(built, "barge/busybox:crash");
            } finally {
                Engine.cli(Map.of(), "rm", "-f", "itcrasha-build");
                Engine.cli(Map.of(), "rmi", built);
            }
            String proxied = "127.0.0.1:" + slow.port() + "/barge/busybox:crash";
            cleanups.add(proxied);
            writeWeb("busybox:1.36", false, "v1", port, 1);
            assertApplies();

            writeWeb(proxied, true, "v2", port, 1);
            BargeProcess apply = startApply();
            killWhen(apply, "the pull is under way", () -> slow.bytesToClient() > 16 * 1024);

            assertThat(Engine.containers(stack)).extracting(Engine.Row::name, Engine.Row::state)
                    .containsExactly(tuple("itcrasha-web-1", "running"));
            assertThat(Engine.get(port)).isEqualTo("v1");
            slow.unthrottle();
            assertConverges(port, "v2");
            assertThat(new StateStore(state()).history()).last().satisfies(e -> assertThat(e.digests())
                    .hasEntrySatisfying("itcrasha/web", d -> assertThat(d).contains("/barge/busybox@sha256:")));
        }
    }

    @Test
    void killedWhileTheReplacementWaitsForItsHealthGateTheNextApplyFinishesTheReplace() throws IOException {
        use("itcrashb");
        int port = 19305;
        writeWeb("busybox:1.36", false, "v1", port, 1);
        assertApplies();

        writeWeb("busybox:1.36", false, "v2", port, 5);
        BargeProcess apply = startApply();
        killWhen(apply, "the old container is parked and the new one runs, waiting for its health gate", this::gateRunning);

        assertThat(Engine.containers(stack)).extracting(Engine.Row::name, Engine.Row::state).contains(
                tuple("itcrashb-web-1-barge-old", "exited"));
        assertConverges(port, "v2");
    }

    @Test
    void killedAroundTheRecordTheNextApplyConvergesAndTheStateStillReads() throws IOException {
        use("itcrashc");
        int port = 19306;
        writeWeb("busybox:1.36", false, "v0", port, 1);
        assertApplies();

        // the output lines are read from a file every 2 ms: the replace is done (gate passed, old container
        // removed), then the apply's summary line, printed just before the history entry and state are written
        record Trigger(String line, Duration delay) {
        }
        List<Trigger> triggers = List.of(
                new Trigger("~ itcrashc/web replaced (", Duration.ZERO),
                new Trigger("\napplied: ", Duration.ZERO),
                new Trigger("\napplied: ", Duration.ofMillis(5)),
                new Trigger("\napplied: ", Duration.ofMillis(40)));
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < triggers.size(); i++) {
            Trigger t = triggers.get(i);
            String version = "v" + (i + 1);
            writeWeb("busybox:1.36", false, version, port, 1);
            int recordedBefore = new StateStore(state()).history().size();
            BargeProcess apply = startApply();
            assertThat(Engine.await(TIMEOUT, Duration.ofMillis(2), () -> apply.output().contains(t.line()) || !apply.alive()))
                    .isTrue();
            assertThat(apply.output()).as("the apply got as far as the line").contains(t.line());
            Engine.sleep(t.delay());
            // on a loaded machine the apply may finish between the line and the kill: then it is a plain apply
            boolean killed = apply.alive();
            apply.kill();
            boolean recorded = new StateStore(state()).history().size() > recordedBefore;
            outcomes.add("'" + t.line().strip() + "' + " + t.delay().toMillis() + "ms: "
                    + (killed ? "killed " + (recorded ? "after" : "before") + " the history entry" : "finished first"));
            assertConverges(port, version);
        }
        System.out.println("CrashSafetyIT kills around the record: " + outcomes);
        assertThat(outcomes).anyMatch(o -> o.endsWith("killed before the history entry"));
    }

    /**
     * Regression (interrupted replace): the next apply kept the replacement, whose gate had never
     * finished, and deleted the parked old container as a duplicate, so a failing replacement passed.
     * Now the replace is carried out again: its gate fails as it would have, and the old container
     * runs again under its name.
     */
    @Test
    void killedDuringAFailingHealthGateTheNextApplyStillFailsItAndPutsTheOldContainerBack() throws IOException {
        use("itcrashd");
        int port = 19307;
        writeWeb("busybox:1.36", false, "v1", port, 1);
        assertApplies();

        healthTimeout = "5s";
        writeWeb("busybox:1.36", false, "v2", port, 3600);
        BargeProcess apply = startApply();
        killWhen(apply, "the old container is parked and the never-healthy new one runs", this::gateRunning);

        BargeProcess.Result next = startApply().await(TIMEOUT);
        assertThat(next.exitCode()).as(next.output()).isEqualTo(1);
        assertThat(next.output()).contains("interrupted replace, carried out again from itcrashd-web-1-barge-old")
                .contains("itcrashd/web failed its health gate").contains("the old container runs again");
        assertThat(Engine.containers(stack)).extracting(Engine.Row::name, Engine.Row::state)
                .containsExactly(tuple("itcrashd-web-1", "running"));
        assertThat(Engine.get(port)).isEqualTo("v1");
        StateStore store = new StateStore(state());
        assertThat(store.history()).last().extracting(e -> e.outcome().wire()).isEqualTo("failed");
        assertThat(plan().exitCode()).as("the config still asks for v2").isEqualTo(2);
    }

    /** A replace waits for its health gate: the old container is parked, the new one runs. */
    private boolean gateRunning() {
        List<Engine.Row> rows = Engine.containers(stack);
        return rows.stream().anyMatch(r -> r.name().equals(stack + "-web-1-barge-old"))
                && rows.stream().anyMatch(r -> r.name().equals(stack + "-web-1") && r.state().equals("running"));
    }

    private void use(String name) {
        stack = name;
        Engine.cleanUp(stack);
    }

    private Path state() {
        return work.resolve("state");
    }

    /** A web server answering {@code body}, healthy {@code readyAfter} seconds after it starts. */
    private void writeWeb(String image, boolean pullAlways, String body, int port, int readyAfter) throws IOException {
        Path repo = work.resolve("repo");
        Files.createDirectories(repo.resolve("deployments"));
        Files.writeString(repo.resolve("deployments/" + stack + ".yaml"), """
                deployment: %s
                match: {role: it}
                stacks:
                  - name: %s
                    health_timeout: %s
                    compose:
                      services:
                        web:
                          image: %s%s
                          command: ["sh", "-c", "mkdir -p /www; echo %s > /www/index.html; (sleep %d; touch /tmp/ready) & exec httpd -f -p 8080 -h /www"]
                          ports: ["127.0.0.1:%d:8080"]
                          init: true
                          healthcheck:
                            test: ["CMD", "test", "-f", "/tmp/ready"]
                            interval: 1s
                            timeout: 1s
                            retries: 3
                            start_period: %ds
                """.formatted(stack, stack, healthTimeout, image, pullAlways ? "\n          pull_policy: always" : "", body, readyAfter,
                port, readyAfter + 60));
    }

    private BargeProcess startApply() {
        return BargeProcess.start(work, env(), List.of("apply", "--repo", work.resolve("repo").toString(), "--labels",
                "role=it", "--node", "it-1", "--state-dir", state().toString(), "--auto-approve"));
    }

    private void assertApplies() {
        BargeProcess.Result r = startApply().await(TIMEOUT);
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    /** Kills the apply (SIGKILL) once {@code condition} holds; fails if the apply ended first. */
    private void killWhen(BargeProcess apply, String what, BooleanSupplier condition) {
        boolean seen = Engine.await(TIMEOUT, POLL, () -> condition.getAsBoolean() || !apply.alive());
        assertThat(seen && apply.alive()).as("barge was still applying when %s:\n%s", what, apply.output()).isTrue();
        apply.kill();
    }

    /** The crash left a readable state dir, and one more apply makes the node what the config says. */
    private void assertConverges(int port, String body) {
        StateStore store = new StateStore(state());
        store.read();
        store.history();
        BargeProcess.Result applied = startApply().await(TIMEOUT);
        assertThat(applied.exitCode()).as(applied.output()).isZero();
        BargeProcess.Result plan = plan();
        assertThat(plan.exitCode()).as("a plan after the converging apply:\n%s\n%s", applied.output(), plan.output()).isZero();
        assertThat(Engine.containers(stack)).extracting(Engine.Row::name, Engine.Row::state)
                .containsExactly(tuple(stack + "-web-1", "running"));
        assertThat(Engine.await(Duration.ofSeconds(10), Duration.ofMillis(200), () -> body.equals(Engine.get(port))))
                .as("the web service answers %s", body).isTrue();
        assertThat(store.read().appliedCommit()).isNotNull();
        assertThat(store.history()).last().extracting(e -> e.outcome().wire()).isIn("applied", "no-changes");
    }

    private BargeProcess.Result plan() {
        return BargeProcess.run(work, env(), TIMEOUT, "plan", "--repo", work.resolve("repo").toString(),
                "--labels", "role=it", "--node", "it-1", "--state-dir", state().toString(), "--exit-code");
    }

    private Map<String, String> env() {
        Path dockerConfig = work.resolve("empty-docker-config");
        try {
            Files.createDirectories(dockerConfig);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return BargeProcess.env(stack, dockerConfig, Map.of());
    }
}
