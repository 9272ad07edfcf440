package dev.barge.plan;

import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.docker.ActualState;
import dev.barge.select.NodeSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine as a successful apply of {@code slice} leaves it, and the record that apply writes: what
 * {@code barge diff} plans the next commit against, so that a fleet preview shows exactly the changes
 * (and reasons, and attribute diffs) that {@link Planner} will plan on a node that is in sync. No I/O.
 */
public final class AppliedState {
    private final ActualState actual;
    private final PriorState prior;

    private AppliedState(ActualState actual, PriorState prior) {
        this.actual = actual;
        this.prior = prior;
    }

    public static AppliedState of(NodeSlice slice, HashKey key) {
        List<ActualState.Container> containers = new ArrayList<>();
        List<ActualState.Network> networks = new ArrayList<>();
        List<ActualState.Volume> volumes = new ArrayList<>();
        Map<String, String> recorded = new TreeMap<>();
        for (NodeSlice.Selected selected : slice.stacks()) {
            StackSpec stack = selected.stack();
            for (ServiceSpec service : stack.project().services().values()) {
                CanonicalSpec spec = CanonicalSpec.of(stack, service, key);
                String name = service.containerName(stack.name());
                containers.add(new ActualState.Container("applied/" + name, name, stack.name(), service.name(),
                        stack.deployment(), spec.hash(), null, service.image(), null, ActualState.Status.RUNNING, null, 0,
                        null, BargeLabels.forContainer(stack, service, spec, null, key.owner())));
                recorded.put(name, spec.hash());
            }
            ResourcePlanner.desiredNetworks(stack).forEach((name, n) -> networks.add(new ActualState.Network(
                    "applied/" + name, name, stack.name(), BargeLabels.forNetwork(stack, n, key.owner()))));
            stack.project().volumes().values().stream().filter(v -> !v.external()).forEach(v -> volumes.add(
                    new ActualState.Volume(v.name() != null ? v.name() : stack.name() + "_" + v.key(), stack.name(),
                            BargeLabels.forVolume(stack, v, key.owner()))));
        }
        return new AppliedState(new ActualState(containers, networks, volumes, List.of()), new PriorState(null, recorded));
    }

    public ActualState actual() {
        return actual;
    }

    public PriorState prior() {
        return prior;
    }
}
