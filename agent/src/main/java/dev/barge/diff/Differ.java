package dev.barge.diff;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.FleetReader;
import dev.barge.config.Problem;
import dev.barge.config.model.BargeSettings;
import dev.barge.config.model.Deployment;
import dev.barge.config.model.DesiredState;
import dev.barge.config.model.Fleet;
import dev.barge.config.model.Redaction;
import dev.barge.config.model.StackSpec;
import dev.barge.plan.AppliedState;
import dev.barge.plan.AttributeDiff;
import dev.barge.plan.Change;
import dev.barge.plan.ContainerChange;
import dev.barge.plan.HashKey;
import dev.barge.plan.Plan;
import dev.barge.plan.PlanOptions;
import dev.barge.plan.Planner;
import dev.barge.plan.Reason;
import dev.barge.plan.VolumeChange;
import dev.barge.select.NodeIdentity;
import dev.barge.select.NodeSlice;
import dev.barge.select.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Compares two sides node by node. Each node's change is the head commit's plan against the engine an apply
 * of the base leaves ({@link AppliedState}): the same {@link Planner}, canonical form and attribute diffs as
 * {@code barge plan}, so the preview cannot disagree with what the agents will do. Nodes that select the same
 * deployments at both sides get the same plan, so it is computed once per such selection.
 */
public final class Differ {
    private final Planner planner;
    private final HashKey key;
    private final DesiredState base;
    private final DesiredState head;

    private record Selection(List<Integer> base, List<Integer> head) {
    }

    private final Map<StackPair, Effect> stackEffects = new HashMap<>();

    private record Outcome(Effect effect, String headError, String baseError) {
    }

    private Differ(HashKey key, DesiredState base, DesiredState head) {
        this.planner = new Planner(key);
        this.key = key;
        this.base = base;
        this.head = head;
    }

    /**
     * @param only          one node to compare instead of the inventory ({@code --node}, {@code --labels})
     * @param key           the key secret values are hashed with, the same for both sides (any key: nothing is kept)
     * @param secretsByFile whether some secret was compared by its file's fingerprint ({@link DiffSecrets#comparedByFile})
     * @throws BargeException USAGE when neither side has an inventory and no node was given
     */
    public static FleetDiff diff(Side base, Side head, Optional<NodeIdentity> only, HashKey key, boolean secretsByFile) {
        List<Member> members = only.map(n -> List.of(new Member(n, 1, false)))
                .orElseGet(() -> head.fleet().or(base::fleet).map(Member::of).orElse(List.of()));
        if (!head.valid()) {
            return new FleetDiff(FleetDiff.FORMAT_VERSION, base.label(), head.label(), total(members), List.of(), 0,
                    secretsByFile, List.of(), base.problems(), head.problems());
        }
        if (only.isEmpty() && head.fleet().isEmpty() && base.fleet().isEmpty()) {
            throw new BargeException(Failure.USAGE, "no " + Fleet.FILE + " in " + head.label() + " or " + base.label()
                    + ": add the fleet's inventory there (see docs/diff.md), or name one node with --node NAME --labels k=v,...");
        }
        List<String> warnings = new ArrayList<>();
        head.fleet().ifPresent(f -> warnings.addAll(FleetReader.unknownNodes(head.state().orElseThrow(), f)));
        if (!base.valid()) {
            warnings.add("the base " + base.label() + " is invalid (" + base.problems().size() + " problems below): every node"
                    + " is compared with no stacks at all there; agents keep running their last good commit");
        }
        DesiredState empty = new DesiredState(BargeSettings.DEFAULTS, List.of());
        return new Differ(key, base.state().orElse(empty), head.state().orElseThrow())
                .compare(base, head, members, secretsByFile, warnings);
    }

    private FleetDiff compare(Side baseSide, Side headSide, List<Member> members, boolean secretsByFile,
                              List<String> warnings) {
        Map<Selection, Outcome> outcomes = new HashMap<>();
        Map<Effect, List<Member>> groups = new LinkedHashMap<>();
        Map<Selection, List<Member>> failed = new LinkedHashMap<>();
        int unchanged = 0;
        for (Member m : members) {
            Selection selection = new Selection(selected(base, m.node()), selected(head, m.node()));
            Outcome outcome = outcomes.computeIfAbsent(selection, s -> outcome(m.node()));
            if (outcome.headError() != null) {
                failed.computeIfAbsent(selection, s -> new ArrayList<>()).add(m);
                continue;
            }
            if (outcome.baseError() != null) {
                warnings.add("node " + m.name() + " at the base " + baseSide.label() + ": " + outcome.baseError()
                        + " (compared with no stacks there)");
            }
            if (outcome.effect().isEmpty()) {
                unchanged += m.count();
            } else {
                groups.computeIfAbsent(outcome.effect(), e -> new ArrayList<>()).add(m);
            }
        }
        List<Problem> headProblems = new ArrayList<>();
        failed.forEach((selection, nodes) -> headProblems.add(new Problem("node " + nodes.get(0).name()
                + (nodes.size() > 1 ? " (and " + (nodes.size() - 1) + " more like it)" : ""), 0, "",
                outcomes.get(selection).headError())));
        List<FleetDiff.Group> grouped = new ArrayList<>();
        groups.forEach((effect, nodes) -> grouped.add(new FleetDiff.Group(nodes, effect)));
        return new FleetDiff(FleetDiff.FORMAT_VERSION, baseSide.label(), headSide.label(), total(members), grouped,
                unchanged, secretsByFile, warnings, baseSide.problems(), headProblems);
    }

    private static int total(List<Member> members) {
        return members.stream().mapToInt(Member::count).sum();
    }

    /** The indexes of the deployments the node takes: nodes with equal selections at both sides change alike. */
    private static List<Integer> selected(DesiredState state, NodeIdentity node) {
        List<Integer> picked = new ArrayList<>();
        List<Deployment> deployments = state.deployments();
        for (int i = 0; i < deployments.size(); i++) {
            if (Selector.isFor(deployments.get(i), node)) {
                picked.add(i);
            }
        }
        return picked;
    }

    private Outcome outcome(NodeIdentity node) {
        NodeSlice before;
        String baseError = null;
        try {
            before = Selector.select(base, node);
        } catch (BargeException e) {
            before = new NodeSlice(node, List.of(), List.of());
            baseError = e.getMessage();
        }
        try {
            NodeSlice after = Selector.select(head, node);
            Effect effect = sharesNamedResources(before) || sharesNamedResources(after)
                    ? effect(before, after, plan(before, after)) : stackByStack(before, after);
            return new Outcome(effect, null, baseError);
        } catch (BargeException e) {
            return new Outcome(null, e.getMessage(), baseError);
        }
    }

    private Plan plan(NodeSlice before, NodeSlice after) {
        AppliedState applied = AppliedState.of(before, key);
        return planner.plan(after, applied.actual(), applied.prior(), new PlanOptions(null, true));
    }

    /**
     * The node's effect as the union of its stacks' effects, each planned once for every node that has the same
     * stack at both sides: nodes differ in which stacks they run far more than stacks differ. Valid because the
     * planner plans each stack on its own, except for networks and volumes named explicitly ({@code name:}),
     * which two stacks may share: such nodes are planned whole ({@link #sharesNamedResources}).
     */
    private Effect stackByStack(NodeSlice before, NodeSlice after) {
        Map<String, NodeSlice.Selected> was = selectedByName(before);
        Map<String, NodeSlice.Selected> now = selectedByName(after);
        TreeSet<String> names = new TreeSet<>(was.keySet());
        names.addAll(now.keySet());
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        for (String name : names) {
            NodeSlice.Selected b = was.get(name);
            NodeSlice.Selected h = now.get(name);
            Effect part = stackEffects.computeIfAbsent(new StackPair(b == null ? null : b.stack(), h == null ? null : h.stack()),
                    pair -> effect(slice(before.node(), b), slice(after.node(), h),
                            plan(slice(before.node(), b), slice(after.node(), h))));
            added.addAll(part.stacksAdded());
            removed.addAll(part.stacksRemoved());
            steps.addAll(part.steps());
        }
        // the planner's order: networks and volumes created, containers changed, containers deleted, networks and volumes removed
        steps.sort(java.util.Comparator.comparingInt(Differ::phase));
        return new Effect(added, removed, steps);
    }

    private static int phase(Step s) {
        boolean container = s.address().kind() == dev.barge.plan.Address.Kind.CONTAINER;
        boolean volume = s.address().kind() == dev.barge.plan.Address.Kind.VOLUME;
        if (s.action() == dev.barge.plan.Action.CREATE && !container) {
            return volume ? 1 : 0;
        }
        if (container) {
            return s.action() == dev.barge.plan.Action.DELETE ? 3 : 2;
        }
        return volume ? 5 : 4;
    }

    /** Stacks compared by identity: the resolved state shares one StackSpec among all the nodes that run it. */
    private record StackPair(StackSpec before, StackSpec after) {
        @Override
        public boolean equals(Object o) {
            return o instanceof StackPair p && p.before == before && p.after == after;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(before) + System.identityHashCode(after);
        }
    }

    private static NodeSlice slice(NodeIdentity node, NodeSlice.Selected selected) {
        return new NodeSlice(node, selected == null ? List.of() : List.of(selected), List.of());
    }

    private static Map<String, NodeSlice.Selected> selectedByName(NodeSlice slice) {
        Map<String, NodeSlice.Selected> byName = new HashMap<>();
        slice.stacks().forEach(s -> byName.put(s.stack().name(), s));
        return byName;
    }

    private static boolean sharesNamedResources(NodeSlice slice) {
        return slice.stacks().stream().map(NodeSlice.Selected::stack).anyMatch(s ->
                s.project().networks().values().stream().anyMatch(n -> !n.external() && named(s, n.key(), n.name()))
                        || s.project().volumes().values().stream().anyMatch(v -> !v.external() && named(s, v.key(), v.name())));
    }

    /** A {@code name:} other than the stack's own prefix, which another stack could use as well. */
    private static boolean named(StackSpec stack, String key, String name) {
        return name != null && !name.equals(stack.name() + "_" + key);
    }

    private static Effect effect(NodeSlice before, NodeSlice after, Plan plan) {
        Map<String, StackSpec> was = stacks(before);
        Map<String, StackSpec> now = stacks(after);
        TreeSet<String> added = new TreeSet<>(now.keySet());
        added.removeAll(was.keySet());
        TreeSet<String> removed = new TreeSet<>(was.keySet());
        removed.removeAll(now.keySet());
        List<Step> steps = new ArrayList<>();
        for (Change c : plan.changes()) {
            boolean keptVolume = c instanceof VolumeChange && c.reason() instanceof Reason.RemovedFromConfig;
            if (!c.acts() && !keptVolume) {
                continue;
            }
            Redaction redaction = redaction(c, was);
            Reason reason = c.reason() instanceof Reason.SpecChanged s
                    ? new Reason.SpecChanged(s.paths().stream().map(redaction::apply).toList()) : c.reason();
            steps.add(new Step(c.address(), c.action(), reason, c.diffs().stream().map(d -> redact(d, redaction)).toList()));
        }
        return new Effect(List.copyOf(added), List.copyOf(removed), steps);
    }

    private static Map<String, StackSpec> stacks(NodeSlice slice) {
        Map<String, StackSpec> byName = new HashMap<>();
        slice.stacks().forEach(s -> byName.put(s.stack().name(), s.stack()));
        return byName;
    }

    /** The secret values either side's stack was resolved with: a path or value taint tracking missed still hides them. */
    private static Redaction redaction(Change c, Map<String, StackSpec> was) {
        Redaction r = c instanceof ContainerChange cc && cc.stack() != null ? cc.stack().redaction() : Redaction.NONE;
        StackSpec before = was.get(c.address().stack());
        return before == null ? r : r.and(before.redaction());
    }

    private static AttributeDiff redact(AttributeDiff d, Redaction r) {
        if (d.sensitive()) {
            return new AttributeDiff(r.apply(d.path()), d.before(), d.after(), true);
        }
        return new AttributeDiff(r.apply(d.path()), r.apply(d.before()), r.apply(d.after()), false);
    }
}
