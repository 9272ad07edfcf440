package dev.barge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.SecretReader;
import dev.barge.config.model.AgentConfig;
import dev.barge.docker.DockerGateway;
import dev.barge.plan.HashKey;
import dev.barge.record.NodeState;
import dev.barge.record.StateStore;
import dev.barge.select.NodeIdentity;
import dev.barge.tree.FileTree;
import dev.barge.source.SignatureVerdict;
import dev.barge.source.Snapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's decisions that must not touch the engine or plan anything: the idle fast path, a failed
 * commit not retried, the remote down, a suspension, a pin. The engine is a proxy that records every
 * call, so "planned nothing" is checked, not assumed.
 */
class AgentTest {
    private static final String H1 = "1".repeat(40);
    private static final String H2 = "2".repeat(40);

    @TempDir
    Path dir;
    private final FakeClock clock = new FakeClock();
    private final List<String> engineCalls = new ArrayList<>();
    private final List<String> checkouts = new ArrayList<>();
    private final StringWriter logged = new StringWriter();
    private Supplier<String> head = () -> H1;
    private StateStore store;
    private Triggers triggers;
    private Agent agent;

    @BeforeEach
    void setUp() {
        store = new StateStore(dir);
        triggers = new Triggers(Duration.ofSeconds(30), clock, () -> 0.5);
        DockerGateway engine = (DockerGateway) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DockerGateway.class}, (proxy, method, args) -> {
                    engineCalls.add(method.getName());
                    throw new AssertionError("the engine was asked: " + method.getName());
                });
        ConfigSource source = new ConfigSource() {
            @Override
            public Checkout checkout(String commit, String lastApplied) {
                checkouts.add(commit + "@" + lastApplied);
                String sha = head.get();
                return new Checkout(EMPTY, Optional.of(new Snapshot(sha, "m", "a <a@b>", Instant.EPOCH, "main",
                        SignatureVerdict.NotChecked.INSTANCE, EMPTY)));
            }

            @Override
            public boolean followsBranch() {
                return true;
            }

            @Override
            public String describe() {
                return "branch main of test";
            }
        };
        Reconciler reconciler = new Reconciler(ReconcileSettings.DEFAULTS, source, store, engine, SecretReader.NONE,
                HashKey.of(new byte[32]), clock);
        agent = new Agent(AgentConfig.OnFailure.ROLLBACK, reconciler, store, engine, new NodeIdentity("vm", Map.of()),
                triggers, StackScope.ALL, new AgentLog(new PrintWriter(logged, true), clock), clock, "127.0.0.1:0",
                outcome -> { });
    }

    private static final FileTree EMPTY = new FileTree() {
        @Override
        public Optional<byte[]> read(String path) {
            return Optional.empty();
        }

        @Override
        public List<String> list(String directory) {
            return List.of();
        }

        @Override
        public String describe() {
            return "empty";
        }
    };

    private static Wakeup poll() {
        return new Wakeup(List.of(new Cause.Poll()), Instant.EPOCH);
    }

    private void applied(String commit) {
        store.write(new NodeState(commit, Instant.EPOCH, Map.of(), Map.of(), null, null, Map.of()));
    }

    @Test
    void idlePollAtTheAppliedHeadFetchesAndPlansNothing() {
        applied(H1);
        agent.handle(poll());
        agent.handle(new Wakeup(List.of(new Cause.Webhook("github")), Instant.EPOCH));
        assertThat(checkouts).containsExactly("null@" + H1, "null@" + H1);
        assertThat(engineCalls).isEmpty();
        assertThat(logged.toString()).isEmpty();
    }

    @Test
    void failedCommitIsNotRetriedOnEveryPoll() {
        store.write(new NodeState(H1, Instant.EPOCH, Map.of(), Map.of(), null, null, Map.of())
                .withFailedCommit(H2, new NodeState.FailedCommit("sha256:x", Instant.EPOCH, "web: health gate failed")));
        head = () -> H2;
        for (int i = 0; i < 10; i++) {
            agent.handle(poll());
        }
        assertThat(engineCalls).isEmpty();
        assertThat(checkouts).hasSize(10);
        assertThat(logged.toString()).containsOnlyOnce("not retrying " + H2.substring(0, 12) + ": it failed before"
                + " (web: health gate failed)");
    }

    @Test
    void remoteDownIsLoggedOnceBacksOffAndItsEndIsLogged() {
        applied(H1);
        head = () -> {
            throw new BargeException(Failure.RETRY_LATER, "cannot reach git://x: connection refused");
        };
        agent.handle(poll());
        assertThat(triggers.nextPoll()).isEqualTo(clock.instant().plusSeconds(2));
        agent.handle(poll());
        assertThat(triggers.nextPoll()).isEqualTo(clock.instant().plusSeconds(4));
        for (int i = 0; i < 10; i++) {
            agent.handle(poll());
        }
        assertThat(triggers.nextPoll()).as("never beyond the interval").isEqualTo(clock.instant().plusSeconds(30));
        head = () -> H1;
        clock.advance(Duration.ofSeconds(90));
        agent.handle(poll());
        assertThat(logged.toString()).containsOnlyOnce("git remote unavailable: cannot reach git://x")
                .containsOnlyOnce("git remote available again after 90s");
        assertThat(engineCalls).isEmpty();
    }

    @Test
    void suspendedNodeIsNotEvenFetched() {
        applied(H1);
        AgentSuspension.suspend(dir, "test");
        agent.handle(new Wakeup(List.of(new Cause.Drift("web", "app", "web-app-1", "die")), Instant.EPOCH));
        agent.handle(poll());
        assertThat(checkouts).isEmpty();
        assertThat(engineCalls).isEmpty();
        assertThat(logged.toString()).containsOnlyOnce("suspended (since ");
    }

    @Test
    void pinnedNodeReportsTheWaitingHeadOnceAndStays() {
        store.write(new NodeState(H1, Instant.EPOCH, Map.of(), Map.of(), null, null, Map.of())
                .withPin(new NodeState.Pin(H1, Instant.EPOCH, "barge rollback")));
        head = () -> H2;
        agent.handle(poll());
        agent.handle(poll());
        assertThat(engineCalls).isEmpty();
        assertThat(logged.toString()).containsOnlyOnce("pinned to " + H1.substring(0, 12) + " by a rollback: "
                + H2.substring(0, 12) + " is waiting");
    }
}
