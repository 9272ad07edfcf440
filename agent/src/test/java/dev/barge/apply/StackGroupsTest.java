package dev.barge.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.model.NetworkSpec;
import dev.barge.plan.Action;
import dev.barge.plan.Address;
import dev.barge.plan.Change;
import dev.barge.plan.ContainerChange;
import dev.barge.plan.NetworkChange;
import dev.barge.plan.Reason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackGroupsTest {

    @Test
    void groupsByStackKeepingPlanOrderWithinAndAcrossStacks() {
        NetworkSpec net = new NetworkSpec("default", "b_default", null, false, false, Map.of(), Map.of());
        List<Change> plan = List.of(
                new NetworkChange(Address.network("b", "b_default"), Action.CREATE, new Reason.New(), net, null, Map.of()),
                new NetworkChange(Address.network("a", "a_default"), Action.CREATE, new Reason.New(),
                        new NetworkSpec("default", "a_default", null, false, false, Map.of(), Map.of()), null, Map.of()),
                delete("a", "web"),
                delete("b", "db"),
                delete("old", "app"),
                new NetworkChange(Address.network("old", "old_default"), Action.DELETE, new Reason.RemovedFromConfig(),
                        null, "n1", Map.of()),
                new NetworkChange(Address.network("", "stray"), Action.DELETE, new Reason.RemovedFromConfig(), null, "n2",
                        Map.of()));

        Map<String, List<Change>> groups = StackGroups.of(plan);

        assertThat(groups.keySet()).containsExactly("b", "a", "old", StackGroups.UNOWNED);
        assertThat(groups.get("b")).containsExactly(plan.get(0), plan.get(3));
        assertThat(groups.get("a")).containsExactly(plan.get(1), plan.get(2));
        assertThat(groups.get("old")).containsExactly(plan.get(4), plan.get(5));
    }

    private static ContainerChange delete(String stack, String service) {
        return new ContainerChange(Address.container(stack, service), Action.DELETE, new Reason.RemovedFromConfig(),
                List.of(), stack + "-" + service + "-1", "id-" + service, null, null, null, Map.of());
    }
}
