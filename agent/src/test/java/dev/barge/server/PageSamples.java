package dev.barge.server;

import dev.barge.docker.ActualState;
import dev.barge.docker.ActualState.Container;
import dev.barge.docker.ActualState.Health;
import dev.barge.docker.ActualState.Status;
import dev.barge.reconcile.Agent;
import dev.barge.reconcile.AgentFile;
import dev.barge.record.HistoryEntry;
import dev.barge.record.HistoryOutcome;
import dev.barge.record.NodeState;
import dev.barge.record.Trigger;
import dev.barge.view.NodeStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A node for the page and /status: one stack, a commit message holding markup, 25 history entries. */
final class PageSamples {
    static final String APPLIED = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
    static final String HEAD = "9d8c7b6a5f4e3d2c1b0a99887766554433221100";
    static final String SCRIPT = "<script>alert('x')</script> & \"quotes\"";
    static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    private PageSamples() {
    }

    static NodeView.Snapshot snapshot(NodeState state, Readiness.LastFailure failure, String suspended) {
        ActualState actual = new ActualState(List.of(
                container("shop-web-1", "web", "busybox:1.36", Status.RUNNING, Health.HEALTHY),
                container("shop-db-1", "db", "busybox:1.36", Status.RUNNING, null),
                container("shop-worker-1", "worker", "busybox:1.36", Status.EXITED, Health.UNHEALTHY)),
                List.of(), List.of(), List.of());
        AgentFile agent = new AgentFile(4242, T0, "127.0.0.1:9910", T0.plusSeconds(50), "no change at 1a2b3c4",
                T0.plusSeconds(110), 7, 120L);
        NodeStatus status = new NodeStatus("vm-<b>1</b>", state, new NodeStatus.Remote.Head("branch main of git://h/r.git", HEAD),
                new NodeStatus.Engine.Observed(actual),
                new NodeStatus.AgentProcess(4242, T0, "127.0.0.1:9910", T0.plusSeconds(50), "no change at 1a2b3c4",
                        T0.plusSeconds(110)), suspended);
        List<HistoryEntry> history = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            history.add(new HistoryEntry(APPLIED, T0.plusSeconds(i), Trigger.POLL, HistoryOutcome.APPLIED,
                    "entry " + i, Map.of(), i == 24 ? "a\u001b[31mred" : null));
        }
        return new NodeView.Snapshot(status, Map.of("role", "web", "zone", SCRIPT),
                new Agent.Head(APPLIED, SCRIPT, "Ann <ann@example.org>", T0),
                new Agent.Head(HEAD, "next", "Bob <bob@example.org>", T0), failure == null
                ? new Readiness.State(true, "ok: the last reconcile succeeded")
                : new Readiness.State(false, "the last reconcile failed: " + failure.reason()),
                failure, agent, history.subList(25 - NodeView.HISTORY, 25), T0.plusSeconds(60));
    }

    static NodeState state(NodeState.Pin pin) {
        return new NodeState(APPLIED, T0, Map.of("shop-web-1", "5e".repeat(32)),
                Map.of("shop/web", "busybox@sha256:" + "c3".repeat(32)), null, pin, Map.of());
    }

    private static Container container(String name, String service, String ref, Status status, Health health) {
        return new Container("id-" + name, name, "shop", service, "mars", "5e".repeat(32), APPLIED, ref,
                "sha256:" + "a1".repeat(32), status, health, 0, status == Status.EXITED ? 1 : null, Map.of());
    }
}
