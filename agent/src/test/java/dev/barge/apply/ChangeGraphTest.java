package dev.barge.apply;

import static dev.barge.apply.Services.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.model.ServiceSpec.Dependency.Condition;
import dev.barge.config.model.StackSpec;
import dev.barge.docker.ActualState;
import dev.barge.plan.Change;
import dev.barge.plan.Fixtures;
import dev.barge.plan.PlanOptions;
import dev.barge.plan.Planner;
import dev.barge.plan.PriorState;
import dev.barge.select.NodeIdentity;
import dev.barge.select.NodeSlice;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeGraphTest {

    @Test
    void servicesWaitForWhatTheyDependOnAndTheNetworkWhileDeletesWaitForEverything() {
        StackSpec before = Services.stack("shop", service("gone").build());
        StackSpec shop = Services.stack("shop", service("db").build(),
                service("api").dependsOn("db", Condition.SERVICE_STARTED).build(), service("cache").build());
        List<Change> changes = new Planner(Fixtures.KEY).plan(
                new NodeSlice(new NodeIdentity("vm-1", Map.of()), List.of(new NodeSlice.Selected(shop, "test")), List.of()),
                new ActualState(List.of(Fixtures.running(before, before.project().services().get("gone"))), List.of(),
                        List.of(), List.of()), PriorState.NONE, new PlanOptions(null, false)).changes();
        assertThat(changes).extracting(c -> c.action() + " " + c.address()).containsExactly("CREATE network/shop_default",
                "CREATE shop/cache", "CREATE shop/db", "CREATE shop/api", "DELETE shop/gone");

        List<Set<Integer>> after = ChangeGraph.of(changes);

        assertThat(after).containsExactly(Set.of(), Set.of(0), Set.of(0), Set.of(0, 2), Set.of(0, 1, 2, 3));
    }
}
