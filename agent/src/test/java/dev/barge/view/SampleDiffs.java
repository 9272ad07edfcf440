package dev.barge.view;

import dev.barge.config.Problem;
import dev.barge.diff.Effect;
import dev.barge.diff.FleetDiff;
import dev.barge.diff.Member;
import dev.barge.diff.Step;
import dev.barge.plan.Action;
import dev.barge.plan.Address;
import dev.barge.plan.AttributeDiff;
import dev.barge.plan.Reason;
import dev.barge.select.NodeIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fleet diffs for the view tests, built by hand so that every case a view handles is in one. */
final class SampleDiffs {
    private SampleDiffs() {
    }

    static Member node(String name, String environment) {
        return new Member(new NodeIdentity(name, Map.of("client", "earth", "environment", environment)), 1, false);
    }

    /** Three groups: staging replaces shop/web (a plain and a secret attribute), production gains a stack, mars loses one. */
    static FleetDiff rich() {
        List<Member> staging = List.of(node("stage-1", "staging"), node("stage-2", "staging"), node("stage-3", "staging"));
        Effect replace = new Effect(List.of(), List.of(), List.of(new Step(Address.container("shop", "web"), Action.REPLACE,
                new Reason.SpecChanged(List.of("environment.DB_PASSWORD", "environment.LOG_LEVEL", "image")),
                List.of(AttributeDiff.of("environment.DB_PASSWORD", "x", "y", true),
                        new AttributeDiff("environment.LOG_LEVEL", "info", "debug\u001b[31m ``` <b>", false),
                        new AttributeDiff("image", "busybox:1.36", "busybox:1.37", false)))));
        List<Member> production = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            production.add(node("earth-" + i, "production"));
        }
        production.add(new Member(new NodeIdentity("earth-asg", Map.of("client", "earth", "environment", "production")), 8, true));
        Effect added = new Effect(List.of("status"), List.of(), List.of(
                new Step(Address.network("status", "status_default"), Action.CREATE, new Reason.New(), List.of()),
                new Step(Address.container("status", "page"), Action.CREATE, new Reason.New(),
                        List.of(new AttributeDiff("image", null, "busybox:1.36", false)))));
        Effect removed = new Effect(List.of(), List.of("status"), List.of(
                new Step(Address.container("status", "page"), Action.DELETE, new Reason.RemovedFromConfig(), List.of()),
                new Step(Address.network("status", "status_default"), Action.DELETE, new Reason.RemovedFromConfig(), List.of()),
                new Step(Address.volume("status", "status_data"), Action.NONE, new Reason.RemovedFromConfig(), List.of())));
        List<Member> mars = List.of(new Member(new NodeIdentity("mars-1", Map.of("client", "mars")), 1, false));
        return new FleetDiff(FleetDiff.FORMAT_VERSION, "1a2b3c4", "working tree", 30,
                List.of(new FleetDiff.Group(staging, replace), new FleetDiff.Group(production, added),
                        new FleetDiff.Group(mars, removed)), 6, true,
                List.of("deployments/pinned.yaml:1: deployment pinned names node vm-9, which fleet.yaml does not list:"
                        + " fix the name, or add the node to fleet.yaml"),
                List.of(new Problem("deployments/old.yaml", 3, "/stacks", "unknown key 'stackz'")), List.of());
    }

    static FleetDiff unchanged() {
        return new FleetDiff(FleetDiff.FORMAT_VERSION, "1a2b3c4", "5d6e7f8", 20, List.of(), 20, false, List.of(), List.of(),
                List.of());
    }

    static FleetDiff invalidHead() {
        return new FleetDiff(FleetDiff.FORMAT_VERSION, "1a2b3c4", "working tree", 20, List.of(), 0, false, List.of(), List.of(),
                List.of(new Problem("deployments/mars.yaml", 3, "/stackz", "unknown key 'stackz'")));
    }

    /** {@code groups} groups of one node, each replacing {@code lines} attributes: far over a comment's limit. */
    static FleetDiff huge(int groups, int lines) {
        List<FleetDiff.Group> all = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            List<AttributeDiff> diffs = new ArrayList<>();
            for (int l = 0; l < lines; l++) {
                diffs.add(new AttributeDiff("environment.V" + l, "a".repeat(40), "b".repeat(40) + g, false));
            }
            all.add(new FleetDiff.Group(List.of(node("vm-" + g, "staging")), new Effect(List.of(), List.of(),
                    List.of(new Step(Address.container("shop", "web"), Action.REPLACE, new Reason.SpecChanged(List.of()), diffs)))));
        }
        return new FleetDiff(FleetDiff.FORMAT_VERSION, "a", "b", groups, all, 0, false, List.of(), List.of(), List.of());
    }
}
