package dev.barge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.barge.record.HistoryEntry;
import dev.barge.record.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code barge apply} processes on one state dir: the state lock makes them take turns, so the
 * second plans against what the first applied. The agent config reads a local git repository with
 * two services whose health gates take about 3 s each. Stack itconc, ports 19302 and 19303.
 */
class ConcurrentApplyIT {

    private static final String STACK = "itconc";
    private static final Duration TIMEOUT = Duration.ofSeconds(75);

    @TempDir
    Path work;
    private Path agent;
    private Path state;

    @BeforeEach
    void repoAndAgentConfig() throws IOException {
        Engine.cleanUp(STACK);
        Path repo = work.resolve("repo");
        Files.createDirectories(repo.resolve("deployments"));
        Files.writeString(repo.resolve("deployments/itconc.yaml"), """
                deployment: itconc
                match: {role: it}
                stacks:
                  - name: itconc
                    health_timeout: 40s
                    compose:
                      services:
                """ + service("web", 19302) + service("api", 19303));
        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=it", "-c", "user.email=it@example.invalid", "commit", "-q", "-m", "two slow services");
        state = work.resolve("state");
        agent = work.resolve("agent.yaml");
        Files.writeString(agent, """
                node:
                  name: it-1
                  labels: {role: it}
                source:
                  url: %s
                  branch: main
                  path: .
                state_dir: %s
                """.formatted(repo, state));
    }

    /** A web server whose healthcheck passes 3 s after it starts; it answers with its host name. */
    private static String service(String name, int port) {
        return """
                        %s:
                          image: busybox:1.36
                          command: ["sh", "-c", "mkdir -p /www; hostname > /www/index.html; (sleep 3; touch /tmp/ready) & exec httpd -f -p 8080 -h /www"]
                          hostname: %s
                          ports: ["127.0.0.1:%d:8080"]
                          stop_grace_period: 1s
                          healthcheck:
                            test: ["CMD", "test", "-f", "/tmp/ready"]
                            interval: 1s
                            timeout: 1s
                            retries: 30
                            start_period: 1s
                """.formatted(name, name, port);
    }

    @AfterEach
    void cleanUp() {
        Engine.cleanUp(STACK);
    }

    @Test
    void twoAppliesStartedTogetherTakeTurnsAndTheSecondFindsNothingToDo() {
        BargeProcess first = apply(Map.of());
        BargeProcess second = apply(Map.of());
        BargeProcess.Result a = first.await(TIMEOUT);
        BargeProcess.Result b = second.await(TIMEOUT);

        assertThat(a.exitCode()).as(a.output()).isZero();
        assertThat(b.exitCode()).as(b.output()).isZero();
        // whichever got the lock first applied; the other waited, was told who held it, then had nothing to do
        boolean firstWaited = a.output().contains("waiting up to 30s for the lock");
        BargeProcess.Result waiter = firstWaited ? a : b;
        BargeProcess holder = firstWaited ? second : first;
        assertThat(waiter.output()).contains("waiting up to 30s for the lock on " + state + ", held by barge cli (pid "
                + holder.pid() + ",").contains("Apply complete (no-changes)");
        assertThat((firstWaited ? b : a).output()).doesNotContain("waiting").contains("Apply complete (applied)");
        List<HistoryEntry> history = new StateStore(state).history();
        assertThat(history).extracting(e -> e.outcome().wire()).containsExactly("applied", "no-changes");
        assertThat(history.get(1).time()).isAfter(history.get(0).time());
        assertEachContainerOnceAndServing();
    }

    @Test
    void aSecondApplyThatMayNotWaitLongRefusesNamingTheHolder() {
        BargeProcess first = apply(Map.of());
        // the lock is taken before planning: a container of the stack means the first is applying under it
        assertThat(Engine.await(Duration.ofSeconds(40), Duration.ofMillis(100), () -> !Engine.names(STACK).isEmpty() || !first.alive()))
                .as("the first apply creates a container:\n%s", first.output()).isTrue();
        BargeProcess.Result refused = apply(Map.of("BARGE_LOCK_WAIT", "1s")).await(TIMEOUT);
        assertThat(first.alive()).as("the first apply still runs, so the refusal was the lock's").isTrue();

        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(69);
        assertThat(refused.output()).contains("barge: the state dir " + state + " is locked by barge cli (pid "
                + first.pid() + ", since ").contains("waited 1s: try again when it has finished");
        BargeProcess.Result a = first.await(TIMEOUT);
        assertThat(a.exitCode()).as(a.output()).isZero();
        assertThat(new StateStore(state).history()).extracting(e -> e.outcome().wire()).containsExactly("applied");
        assertEachContainerOnceAndServing();
    }

    private void assertEachContainerOnceAndServing() {
        assertThat(Engine.containers(STACK)).extracting(Engine.Row::name, Engine.Row::state).containsExactlyInAnyOrder(
                tuple("itconc-web-1", "running"),
                tuple("itconc-api-1", "running"));
        assertThat(Engine.get(19302)).isEqualTo("web");
        assertThat(Engine.get(19303)).isEqualTo("api");
    }

    private BargeProcess apply(Map<String, String> env) {
        Path dockerConfig = work.resolve("empty-docker-config");
        try {
            Files.createDirectories(dockerConfig);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return BargeProcess.start(work, BargeProcess.env(STACK, dockerConfig, env),
                List.of("apply", "--config", agent.toString(), "--auto-approve"));
    }

    private static void git(Path repo, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Engine.Cli r = Engine.exec(Map.of(), repo, command);
        assertThat(r.exitCode()).as("git %s: %s", String.join(" ", args), r.out()).isZero();
    }
}
