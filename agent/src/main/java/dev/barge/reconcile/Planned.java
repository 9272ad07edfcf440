package dev.barge.reconcile;

import dev.barge.config.model.BargeSettings.RegistryAuth;
import dev.barge.docker.ActualState;
import dev.barge.plan.Plan;
import dev.barge.select.NodeSlice;
import java.util.List;

/** The outcome of planning: what was read, what runs, and the plan that apply executes unchanged. */
public record Planned(Checkout checkout, NodeSlice slice, ActualState actual, Plan plan, List<RegistryAuth> registries) {
}
