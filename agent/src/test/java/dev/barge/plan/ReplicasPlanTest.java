package dev.barge.plan;

import static dev.barge.plan.Fixtures.matching;
import static dev.barge.plan.Fixtures.plan;
import static dev.barge.plan.Fixtures.recorded;
import static dev.barge.plan.Fixtures.running;
import static dev.barge.plan.Fixtures.slice;
import static dev.barge.plan.Fixtures.stack;
import static dev.barge.plan.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.docker.ActualState.Container;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code deploy.replicas: N} is N containers {@code <stack>-<service>-1..N}, as Compose names them. */
class ReplicasPlanTest {

    private static ServiceSpec web(int replicas) {
        ServiceSpec s = ServiceBuilder.service("web").build();
        return new ServiceSpec(s.name(), s.image(), null, s.command(), s.entrypoint(), s.environment(), s.ports(),
                s.expose(), s.mounts(), s.networks(), s.networkMode(), s.restart(), s.labels(), s.healthcheck(),
                s.dependsOn(), s.execution(), s.resources(), s.security(), s.pullPolicy(), s.logging(), s.extraHosts(),
                s.dns(), s.configs(), s.secrets(), s.sensitive(), new ServiceSpec.Engine(null, null, List.of(), replicas));
    }

    private static List<Container> replicasRunning(StackSpec stack, int n) {
        ServiceSpec service = stack.project().services().get("web");
        return java.util.stream.IntStream.rangeClosed(1, n)
                .mapToObj(i -> running(stack, service.withContainerName("site-web-" + i))).toList();
    }

    @Test
    void threeReplicasAreThreeContainers() {
        Plan plan = plan(slice(stack("site", web(3))), state(List.of(), matching()), PriorState.NONE);

        assertThat(plan.changes()).filteredOn(c -> c instanceof ContainerChange)
                .map(c -> ((ContainerChange) c).containerName() + " " + c.action())
                .containsExactly("site-web-1 CREATE", "site-web-2 CREATE", "site-web-3 CREATE");
    }

    @Test
    void scalingDownDeletesTheHighestAndReplacesNone() {
        StackSpec three = stack("site", web(3));
        List<Container> running = replicasRunning(three, 3);

        Plan plan = plan(slice(stack("site", web(2))), state(running, matching(three)),
                recorded(running.toArray(Container[]::new)));

        assertThat(plan.changes()).filteredOn(c -> c instanceof ContainerChange)
                .map(c -> ((ContainerChange) c).containerName() + " " + c.action())
                .containsExactlyInAnyOrder("site-web-1 NONE", "site-web-2 NONE", "site-web-3 DELETE");
    }
}
