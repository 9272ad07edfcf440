package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.apply.FakeGateway;
import dev.barge.record.HistoryOutcome;
import dev.barge.record.StateStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apply prompt, answered on an injected stdin on a terminal, against the in-memory engine: only
 * "yes" applies; anything else cancels with nothing changed and exit 1.
 */
class ApplyPromptTest {

    @TempDir
    Path work;
    private final FakeGateway engine = new FakeGateway();
    private Path repo;
    private Path agent;
    private Path state;

    @BeforeEach
    void repoAndAgentConfig() throws IOException {
        engine.localImages.add("busybox:1.36");
        repo = work.resolve("repo");
        Files.createDirectories(repo.resolve("deployments"));
        Files.writeString(repo.resolve("deployments/it.yaml"), """
                deployment: it
                match: {role: it}
                stacks:
                  - name: itprompt
                    compose:
                      services:
                        web:
                          image: busybox:1.36
                          command: ["sleep", "1d"]
                """);
        state = work.resolve("state");
        agent = work.resolve("agent.yaml");
        Files.writeString(agent, """
                node: {name: vm-prompt, labels: {role: it}}
                state_dir: %s
                apply: {settle_time: 0s}
                """.formatted(state));
    }

    record Run(int code, String out, String err) {
    }

    private Run apply(String stdin, boolean terminal, String... extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Invocation invocation = Invocation.of(Map.of("NO_COLOR", "1"), terminal,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), () -> "host-1").withEngine(env -> engine);
        String[] args = java.util.stream.Stream.concat(
                java.util.stream.Stream.of("apply", "--config", agent.toString(), "--repo", repo.toString()),
                java.util.stream.Stream.of(extra)).toArray(String[]::new);
        int code = BargeCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true), invocation);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void answeringNoCancelsChangesNothingAndExitsOne() {
        Run r = apply("no\n", true);
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("+ itprompt/web").contains("Apply these changes? Only 'yes' applies: ");
        assertThat(r.err()).isEqualTo("barge: apply cancelled: nothing was changed\n");
        assertThat(engine.calls).isEmpty();
        assertThat(new StateStore(state).history()).isEmpty();
    }

    @Test
    void anEmptyAnswerCancelsToo() {
        assertThat(apply("", true).code()).isEqualTo(1);
        assertThat(engine.calls).isEmpty();
    }

    @Test
    void answeringYesApplies() {
        Run r = apply("yes\n", true);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Apply complete (applied)");
        assertThat(engine.calls).contains("create itprompt-web-1", "start itprompt-web-1");
        assertThat(new StateStore(state).history()).extracting(e -> e.outcome()).containsExactly(HistoryOutcome.APPLIED);
    }

    @Test
    void offATerminalNothingIsAskedAndNothingApplied() {
        Run r = apply("yes\n", false);
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err()).contains("not on a terminal, so nothing was applied: pass --auto-approve");
        assertThat(engine.calls).isEmpty();
    }

    @Test
    void autoApproveShowsThePlanItRunsWithoutAsking() {
        Run r = apply("", false, "--auto-approve");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("+ itprompt/web").doesNotContain("Apply these changes?").contains("Apply complete (applied)");
    }

    @Test
    void theHostNameNamesTheNodeWhenNothingElseDoes() {
        StringWriter out = new StringWriter();
        Invocation invocation = Invocation.of(Map.of("NO_COLOR", "1"), false, new ByteArrayInputStream(new byte[0]),
                () -> "host-1").withEngine(env -> engine);
        int code = BargeCommand.run(new String[] {"plan", "--repo", repo.toString(),
            "--state-dir", state.toString()}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), invocation);
        assertThat(code).isZero();
        assertThat(out.toString()).contains("for node host-1.");
    }

    /** Issue 13: an apply with nothing to do plans once (it planned twice: a preview, then under the lock). */
    @Test
    void anApplyWithNothingToDoPlansOnceAsksNothingPullsNothingAndRecordsOneEntry() {
        assertThat(apply("yes\n", true).code()).isZero();
        engine.calls.clear();
        engine.observations.set(0);

        Run r = apply("", true);

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("No changes").contains("Apply complete (no-changes)").doesNotContain("Apply these changes?");
        assertThat(engine.observations).hasValue(1);
        assertThat(engine.calls).noneMatch(c -> c.startsWith("pull ") || c.startsWith("create ") || c.startsWith("start ")
                || c.startsWith("stop ") || c.startsWith("remove "));
        assertThat(new StateStore(state).history()).extracting(e -> e.outcome())
                .containsExactly(HistoryOutcome.APPLIED, HistoryOutcome.NO_CHANGES);
    }

    @Test
    void anApplyWithChangesStillShowsThePlanBeforeAskingAndRunsOnlyThatPlan() {
        Run r = apply("yes\n", true);
        assertThat(r.out()).containsOnlyOnce("Plan: 2 to create");
        assertThat(r.out().indexOf("Plan: 2 to create")).isLessThan(r.out().indexOf("Apply these changes?"));
        assertThat(engine.calls).containsOnlyOnce("create itprompt-web-1");
    }
}
