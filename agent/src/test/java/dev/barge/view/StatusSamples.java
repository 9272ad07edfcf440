package dev.barge.view;

import dev.barge.record.HistoryOutcome;
import dev.barge.record.Trigger;
import dev.barge.docker.ActualState;
import dev.barge.docker.ActualState.Container;
import dev.barge.docker.ActualState.Health;
import dev.barge.docker.ActualState.Status;
import dev.barge.record.HistoryEntry;
import dev.barge.record.NodeState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A fixed node (two stacks, a pin, a failed attempt) and its history for the status and history views. */
final class StatusSamples {
    static final String OLD = "0f9e8d7c6b5a49382716051423324150617283a9";
    static final String APPLIED = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
    static final String FAILED = "9d8c7b6a5f4e3d2c1b0a99887766554433221100";
    static final String BUSYBOX_ID = "sha256:" + "a1".repeat(32);
    static final String NGINX_ID = "sha256:" + "b2".repeat(32);
    static final String BUSYBOX_DIGEST = "busybox@sha256:" + "c3".repeat(32);
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123Z");

    private StatusSamples() {
    }

    static NodeState state() {
        return new NodeState(APPLIED, T0.plusSeconds(60),
                Map.of("shop-web-1", "5e".repeat(32), "shop-db-1", "d0".repeat(32), "ops-cron-1", "0c".repeat(32)),
                Map.of("shop/web", "nginx@sha256:" + "d4".repeat(32), "shop/db", BUSYBOX_DIGEST,
                        "ops/cron", BUSYBOX_DIGEST, "ops/backup", BUSYBOX_DIGEST),
                new NodeState.Attempt(FAILED, T0.plusSeconds(3600), false, "shop: health gate failed for web:\n  exit 1"),
                new NodeState.Pin(APPLIED, T0.plusSeconds(120), "rollback by cli"),
                Map.of(FAILED, new NodeState.FailedCommit("sha256:" + "fa".repeat(32), T0.plusSeconds(3600),
                        "shop: health gate failed")));
    }

    static ActualState actual() {
        return new ActualState(List.of(
                container("shop-web-1", "shop", "web", "nginx:1.27", NGINX_ID, Status.RUNNING, Health.HEALTHY, 0, null, "5e".repeat(32)),
                container("shop-db-1", "shop", "db", "busybox:1.36", BUSYBOX_ID, Status.RUNNING, null, 2, null, "d0".repeat(32)),
                // changed outside barge: its spec hash is not the recorded one
                container("ops-cron-1", "ops", "cron", BUSYBOX_DIGEST, BUSYBOX_ID, Status.EXITED, Health.UNHEALTHY, 5, 137,
                        "ee".repeat(32))),
                List.of(), List.of(),
                List.of(new ActualState.Image("busybox:1.36", BUSYBOX_ID, List.of(BUSYBOX_DIGEST)),
                        new ActualState.Image("nginx:1.27", NGINX_ID, List.of())));
    }

    static Container container(String name, String stack, String service, String ref, String imageId, Status status,
                               Health health, int restarts, Integer exitCode, String specHash) {
        return new Container("id-" + name, name, stack, service, stack.equals("ops") ? "tools" : "mars", specHash, APPLIED,
                ref, imageId, status, health, restarts, exitCode, Map.of());
    }

    static NodeStatus status(NodeStatus.Remote remote) {
        return new NodeStatus("vm-1", state(), remote, new NodeStatus.Engine.Observed(actual()));
    }

    /** Oldest first, as {@code history.jsonl} holds them. */
    static List<HistoryEntry> history() {
        return List.of(
                new HistoryEntry(OLD, T0, Trigger.POLL, HistoryOutcome.APPLIED, "2 created, 0 replaced, 0 deleted, 0 started, 0 unchanged",
                        Map.of("shop/web", "nginx@sha256:" + "d4".repeat(32)), null),
                new HistoryEntry(APPLIED, T0.plusSeconds(60), Trigger.WEBHOOK, HistoryOutcome.NO_CHANGES,
                        "0 created, 0 replaced, 0 deleted, 0 started, 2 unchanged", Map.of(), null),
                new HistoryEntry(FAILED, T0.plusSeconds(3600), Trigger.MANUAL, HistoryOutcome.FAILED,
                        "0 created, 1 replaced, 0 deleted, 0 started, 1 unchanged",
                        Map.of("shop/web", "nginx@sha256:" + "e5".repeat(32), "shop/db", BUSYBOX_DIGEST),
                        "shop: health gate failed for web:\n  exit 1"),
                new HistoryEntry("local:directory /srv/config", T0.plusSeconds(7200), Trigger.ROLLBACK, HistoryOutcome.PARTIALLY_APPLIED,
                        "1 created", Map.of(), "ops: pull failed"));
    }
}
