package dev.barge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.Failure;
import dev.barge.apply.ApplyOptions;
import dev.barge.apply.FakeGateway;
import dev.barge.plan.Fixtures;
import dev.barge.record.HistoryOutcome;
import dev.barge.record.NodeState;
import dev.barge.record.StateStore;
import dev.barge.record.Trigger;
import dev.barge.select.NodeIdentity;
import dev.barge.source.DirectoryTree;
import dev.barge.source.SignatureVerdict;
import dev.barge.source.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One outcome per path through the Reconciler, against the in-memory engine and a config source of directories. */
class ReconcilerTest {

    private static final NodeIdentity NODE = new NodeIdentity("n1", Map.of("role", "it"));
    private static final Instant NOW = Instant.parse("2026-11-29T20:00:00Z");
    private static final String C1 = "c1".repeat(20);
    private static final String C2 = "c2".repeat(20);

    @TempDir
    Path work;
    private final FakeGateway engine = new FakeGateway();
    private final Commits source = new Commits();
    private final List<String> lines = new ArrayList<>();
    private StateStore store;
    private Reconciler reconciler;

    @BeforeEach
    void reconciler() {
        store = new StateStore(work.resolve("state"));
        ReconcileSettings settings = ReconcileSettings.DEFAULTS.withLockWait(Duration.ofSeconds(1))
                .withApply(ApplyOptions.DEFAULTS.withSettleTime(Duration.ZERO).withPollInterval(Duration.ofMillis(5)));
        reconciler = new Reconciler(settings, source, store, engine, SecretReaders.forNode(Optional.empty(), Map.of()),
                Fixtures.KEY, Clock.fixed(NOW, ZoneOffset.UTC));
        engine.localImages.add("busybox:1.36");
        engine.localImages.add("busybox:1.37");
    }

    @Test
    void aFirstApplyIsAppliedAndRecorded() {
        source.commit(C1, "busybox:1.36", "");
        Outcome outcome = apply(Approval.AUTO);
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Applied.class, a -> {
            assertThat(a.trigger()).isEqualTo(Trigger.MANUAL);
            assertThat(a.commit()).isEqualTo(C1);
            assertThat(a.summary().create()).isEqualTo(2); // the network and the container
            assertThat(a.entry().outcome()).isEqualTo(HistoryOutcome.APPLIED);
            assertThat(a.failureClass()).isEmpty();
        });
        assertThat(store.history()).extracting(e -> e.outcome()).containsExactly(HistoryOutcome.APPLIED);
        assertThat(store.read().appliedCommit()).isEqualTo(C1);
    }

    @Test
    void applyingWhatRunsIsNoChanges() {
        source.commit(C1, "busybox:1.36", "");
        apply(Approval.AUTO);
        Outcome again = apply(Approval.AUTO);
        assertThat(again).isInstanceOf(Outcome.NoChanges.class);
        assertThat(again.recorded().orElseThrow().outcome()).isEqualTo(HistoryOutcome.NO_CHANGES);
    }

    @Test
    void aFailedHealthGateIsFailedAndTheFailedCommitKeepsItsDesiredStateHash() {
        source.commit(C1, "busybox:1.36", "");
        engine.exitsWith.put("itr-web-1", 1);
        Planned planned = reconciler.plan(new PlanRequest(null, NODE, false));
        Outcome outcome = apply(Approval.AUTO);
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(Failure.FAILED);
            assertThat(f.reason()).startsWith("itr: ");
            assertThat(f.partial()).isFalse();
            assertThat(f.entry().outcome()).isEqualTo(HistoryOutcome.FAILED);
        });
        NodeState state = store.read();
        assertThat(state.failedCommits()).containsOnlyKeys(C1);
        NodeState.FailedCommit failed = state.failedCommits().get(C1);
        assertThat(failed.desiredHash()).isEqualTo(planned.desiredHash()).startsWith("sha256:");
        assertThat(failed.at()).isEqualTo(NOW);
        assertThat(failed.reason()).isEqualTo(((Outcome.Failed) outcome).reason());
        assertThat(state.failedBefore(C1, planned.desiredHash())).isTrue();
    }

    @Test
    void aPlanThatChangedAfterItWasApprovedIsCancelledAndChangesNothing() {
        source.commit(C1, "busybox:1.36", "");
        Planned shown = reconciler.plan(new PlanRequest(null, NODE, false));
        source.commit(C2, "busybox:1.37", "");
        Outcome outcome = apply(Approval.of(shown.plan()));
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Cancelled.class,
                c -> assertThat(c.reason()).contains("the plan changed after it was shown"));
        assertThat(outcome.failureClass()).contains(Failure.FAILED);
        assertThat(engine.calls).isEmpty();
        assertThat(store.history()).isEmpty();
    }

    @Test
    void theApprovedPlanRuns() {
        source.commit(C1, "busybox:1.36", "");
        Planned shown = reconciler.plan(new PlanRequest(null, NODE, false));
        assertThat(apply(Approval.of(shown.plan()))).isInstanceOf(Outcome.Applied.class);
    }

    @Test
    void aPolicyViolationIsRefusedBeforeAnythingChanges() {
        source.commit(C1, "busybox:1.36", "          privileged: true\n");
        Outcome outcome = apply(Approval.AUTO);
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class,
                r -> assertThat(r.reason()).contains("privileged: true"));
        assertThat(outcome.failureClass()).contains(Failure.REFUSED);
        assertThat(engine.calls).isEmpty();
        assertThat(store.history()).isEmpty();
    }

    @Test
    void aRollbackRunsTheRecordedDigestsPinsTheNodeAndApplyStaysThereWithNoChanges() {
        source.commit(C1, "busybox:1.36", "");
        apply(Approval.AUTO);
        String recorded = store.read().digests().get("itr/web");
        source.commit(C2, "busybox:1.37", "");
        assertThat(apply(Approval.AUTO)).isInstanceOf(Outcome.Applied.class);

        Outcome rolledBack = reconciler.rollback(C1.substring(0, 8), NODE, Approval.AUTO, lines::add);
        assertThat(rolledBack).isInstanceOfSatisfying(Outcome.RolledBack.class, r -> {
            assertThat(r.pinned()).isTrue();
            assertThat(r.commit()).isEqualTo(C1);
            assertThat(r.trigger()).isEqualTo(Trigger.ROLLBACK);
        });
        assertThat(store.read().pin().commit()).isEqualTo(C1);
        assertThat(engine.requests.get("itr-web-1").image()).isEqualTo(recorded);

        // while pinned, plan and apply show and run the pinned commit with its digests: nothing to do
        Planned pinned = reconciler.plan(new PlanRequest(null, NODE, false));
        assertThat(pinned.commit()).isEqualTo(C1);
        assertThat(pinned.note()).contains("pinned to " + C1.substring(0, 12));
        assertThat(pinned.plan().hasChanges()).as(dev.barge.view.PlanView.human(pinned.plan(), false)).isFalse();
        assertThat(apply(Approval.AUTO)).isInstanceOf(Outcome.NoChanges.class);

        Outcome resumed = reconciler.resume(NODE, Approval.AUTO, lines::add);
        assertThat(resumed).isInstanceOf(Outcome.Applied.class);
        assertThat(resumed.commit()).isEqualTo(C2);
        assertThat(store.read().pin()).isNull();
    }

    @Test
    void outcomesOfFailuresBeforeAPlanAreValuesToo() {
        var refused = Outcome.beforePlan(Trigger.POLL, null,
                new dev.barge.BargeException(Failure.REFUSED, "commit abc is not signed"), Duration.ZERO);
        assertThat(refused).isInstanceOf(Outcome.Refused.class);
        var failed = Outcome.beforePlan(Trigger.POLL, null,
                new dev.barge.BargeException(Failure.RETRY_LATER, "the remote did not answer"), Duration.ZERO);
        assertThat(failed).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(Failure.RETRY_LATER);
            assertThat(f.report()).isNull();
            assertThat(f.describe()).isEqualTo("failed to apply (no commit) (poll): the remote did not answer");
        });
    }

    private Outcome apply(Approval approval) {
        return reconciler.apply(new PlanRequest(null, NODE, false), Trigger.MANUAL, approval, lines::add);
    }

    /** Commits as directories; the head is the last one written. */
    private final class Commits implements ConfigSource {
        private final Map<String, Path> dirs = new HashMap<>();
        private String head;

        void commit(String sha, String image, String extra) {
            Path dir = work.resolve(sha.substring(0, 4));
            try {
                Files.createDirectories(dir.resolve("deployments"));
                Files.writeString(dir.resolve("deployments/it.yaml"), """
                        deployment: it
                        match: {role: it}
                        stacks:
                          - name: itr
                            compose:
                              services:
                                web:
                                  image: %s
                                  command: ["sleep", "1d"]
                        """.formatted(image) + extra);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dirs.put(sha, dir);
            head = sha;
        }

        @Override
        public Checkout checkout(String commit, String lastApplied) {
            String sha = commit == null ? head : dirs.keySet().stream().filter(c -> c.startsWith(commit)).findFirst()
                    .orElseThrow();
            return new Checkout(new DirectoryTree(dirs.get(sha)), Optional.of(new Snapshot(sha, "commit " + sha, "it <it@it>",
                    NOW, "main", SignatureVerdict.NotChecked.INSTANCE, new DirectoryTree(dirs.get(sha)))));
        }

        @Override
        public boolean followsBranch() {
            return true;
        }

        @Override
        public String describe() {
            return "test commits";
        }
    }
}
