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
import dev.barge.docker.ContainerRequest;
import dev.barge.docker.ContainerRequests;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Links to a replicated service reach every replica (a network alias on each, DNS round robin) where an engine
 * link would reach one; {@code network_mode: service:} joins replica 1, as Compose joins the first container.
 */
class ReplicaLinksPlanTest {

    private static ServiceSpec db(int replicas) {
        return ServiceBuilder.service("db").engine(new ServiceSpec.Engine(null, null, List.of(), replicas)).build();
    }

    private static ServiceSpec linking(String name, String... links) {
        return ServiceBuilder.service(name).engine(new ServiceSpec.Engine(null, null, List.of(links), 1)).build();
    }

    /** The network aliases of each container the plan creates, by container name; and the links of each. */
    private static Map<String, ContainerRequest> requests(StackSpec stack) {
        Plan plan = plan(slice(stack), state(List.of(), matching()), PriorState.NONE);
        Map<String, ContainerRequest> out = new java.util.TreeMap<>();
        plan.changes().stream().filter(ContainerChange.class::isInstance).map(ContainerChange.class::cast)
                .forEach(c -> out.put(c.containerName(), ContainerRequests.of(stack, c.service(), c.labels())));
        return out;
    }

    private static List<String> aliases(ContainerRequest r) {
        return r.networks().get(0).aliases();
    }

    static Stream<Arguments> links() {
        return Stream.of(
                // name, db replicas, the linking service's links, other service, db replicas' aliases, web's engine links
                Arguments.of("alias to two replicas", 2, List.of("db:database"), null,
                        List.of("db", "database"), List.of()),
                Arguments.of("service name to two replicas", 2, List.of("db:db"), null, List.of("db"), List.of()),
                Arguments.of("one replica keeps the engine link, as Compose", 1, List.of("db:database"), null,
                        List.of("db"), List.of("site-db-1:database")),
                Arguments.of("an alias another service answers to stays a link to replica 1", 2, List.of("db:cache"),
                        "cache", List.of("db"), List.of("site-db-1:cache")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void links(String name, int replicas, List<String> links, String other, List<String> dbAliases, List<String> engineLinks) {
        List<ServiceSpec> services = new java.util.ArrayList<>(List.of(db(replicas),
                linking("web", links.toArray(String[]::new))));
        if (other != null) {
            services.add(ServiceBuilder.service(other).build());
        }
        Map<String, ContainerRequest> requests = requests(stack("site", services.toArray(ServiceSpec[]::new)));

        for (int i = 1; i <= replicas; i++) {
            assertThat(aliases(requests.get("site-db-" + i))).as("site-db-" + i).containsExactlyElementsOf(dbAliases);
        }
        assertThat(requests.get("site-web-1").engine().links()).containsExactlyElementsOf(engineLinks);
    }

    @Test
    void networkModeServiceJoinsReplicaOneAsComposeJoinsTheFirstContainer() {
        ServiceSpec probe = ServiceBuilder.service("probe").networkMode("service:db").build();

        Map<String, ContainerRequest> requests = requests(stack("site", db(2), probe));

        assertThat(requests.get("site-probe-1").networkMode()).isEqualTo("container:site-db-1");
    }

    @Test
    void aNewLinkToReplicasReplacesThemSoTheyAnswerToIt() {
        StackSpec before = stack("site", db(2), linking("web"));
        StackSpec after = stack("site", db(2), linking("web", "db:database"));
        List<Container> running = List.of(running(before, before.project().services().get("db").withContainerName("site-db-1")),
                running(before, before.project().services().get("db").withContainerName("site-db-2")),
                running(before, before.project().services().get("web")));

        Plan plan = plan(slice(after), state(running, matching(before)), recorded(running.toArray(Container[]::new)));

        assertThat(plan.changes()).filteredOn(ContainerChange.class::isInstance).map(ContainerChange.class::cast)
                .filteredOn(c -> c.containerName().startsWith("site-db-"))
                .allSatisfy(c -> assertThat(c.action()).isEqualTo(Action.REPLACE));
    }
}
