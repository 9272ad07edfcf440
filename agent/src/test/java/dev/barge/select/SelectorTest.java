package dev.barge.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.BargeSettings;
import dev.barge.config.model.Deployment;
import dev.barge.config.model.DesiredState;
import dev.barge.config.model.Origin;
import dev.barge.config.model.StackSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SelectorTest {
    private static final Map<String, String> EARTH_STAGING = Map.of("client", "earth", "environment", "staging",
            "solution", "protection");

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("single values", Map.of("client", List.of("earth"), "environment", List.of("staging")), List.of(),
                        "vm-1", EARTH_STAGING, "client=earth, environment=staging"),
                Arguments.of("a list means any of", Map.of("client", List.of("earth"), "environment", List.of("staging", "qa"),
                                "solution", List.of("protection")), List.of(), "vm-1", EARTH_STAGING,
                        "client=earth, environment=staging (one of staging, qa), solution=protection"),
                Arguments.of("node named in nodes", Map.of("client", List.of("earth")), List.of("vm-1", "vm-2"), "vm-2",
                        EARTH_STAGING, "client=earth, node vm-2 is in nodes [vm-1, vm-2]"),
                Arguments.of("no match and no nodes", Map.of(), List.of(), "vm-1", Map.of(),
                        "matches every node (no match labels, no nodes list)"),
                Arguments.of("value differs", Map.of("environment", List.of("production")), List.of(), "vm-1", EARTH_STAGING,
                        "rejected: environment is staging, wants production"),
                Arguments.of("not in the list", Map.of("environment", List.of("production", "qa")), List.of(), "vm-1",
                        EARTH_STAGING, "rejected: environment is staging, wants one of production, qa"),
                Arguments.of("label missing", Map.of("client", List.of("earth"), "zone", List.of("b")), List.of(), "vm-1",
                        EARTH_STAGING, "rejected: label zone is not set on this node"),
                Arguments.of("node not listed", Map.of(), List.of("vm-1", "vm-2"), "vm-3", EARTH_STAGING,
                        "rejected: node vm-3 is not in nodes [vm-1, vm-2]"),
                Arguments.of("every reason is given", Map.of("client", List.of("mars"), "tier", List.of("1")), List.of("vm-1"),
                        "vm-3", EARTH_STAGING, "rejected: client is earth, wants mars; label tier is not set on this node;"
                                + " node vm-3 is not in nodes [vm-1]"),
                Arguments.of("labels are case sensitive", Map.of("client", List.of("Earth")), List.of(), "vm-1", EARTH_STAGING,
                        "rejected: client is earth, wants Earth"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void decisions(String name, Map<String, List<String>> match, List<String> nodes, String node, Map<String, String> labels,
                   String expected) {
        DesiredState state = state(deployment("d", match, nodes, "web", "api"));

        NodeSlice slice = Selector.select(state, new NodeIdentity(node, labels));

        if (expected.startsWith("rejected: ")) {
            assertThat(slice.isEmpty()).isTrue();
            assertThat(slice.rejected()).extracting(NodeSlice.Rejected::deployment, NodeSlice.Rejected::why)
                    .containsExactly(tuple("d", expected.substring("rejected: ".length())));
        } else {
            assertThat(slice.rejected()).isEmpty();
            assertThat(slice.stacks()).extracting(s -> s.stack().name(), NodeSlice.Selected::why)
                    .containsExactly(tuple("web", expected), tuple("api", expected));
        }
    }

    @Test
    void keepsTheOrderOfDeploymentsAndReportsEveryRejection() {
        DesiredState state = state(
                deployment("a", Map.of("client", List.of("earth")), List.of(), "web"),
                deployment("b", Map.of("client", List.of("mars")), List.of(), "web"),
                deployment("c", Map.of(), List.of(), "monitoring"));

        NodeSlice slice = Selector.select(state, new NodeIdentity("vm-1", EARTH_STAGING));

        assertThat(slice.stacks()).extracting(s -> s.stack().deployment() + "/" + s.stack().name())
                .containsExactly("a/web", "c/monitoring");
        assertThat(slice.rejected()).extracting(NodeSlice.Rejected::deployment).containsExactly("b");
    }

    @Test
    void twoDeploymentsGivingTheNodeTheSameStackIsAConflict() {
        DesiredState state = state(
                deployment("earth-web", Map.of("client", List.of("earth")), List.of(), "web"),
                deployment("staging-web", Map.of("environment", List.of("staging")), List.of(), "web"));

        assertThatThrownBy(() -> Selector.select(state, new NodeIdentity("vm-1", EARTH_STAGING)))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT))
                .hasMessage("stack web is given to node vm-1 by deployment earth-web (deployments/earth-web.yaml:1) and by"
                        + " deployment staging-web (deployments/staging-web.yaml:1): rename one stack or narrow one"
                        + " deployment's match");
    }

    @Test
    void theSameStackNameOnDifferentNodesIsNoConflict() {
        DesiredState state = state(
                deployment("earth-web", Map.of("client", List.of("earth")), List.of(), "web"),
                deployment("mars-web", Map.of("client", List.of("mars")), List.of(), "web"));

        assertThat(Selector.select(state, new NodeIdentity("vm-1", EARTH_STAGING)).stacks()).hasSize(1);
        assertThat(Selector.select(state, new NodeIdentity("vm-2", Map.of("client", "mars"))).stacks()).hasSize(1);
    }

    private static DesiredState state(Deployment... deployments) {
        return new DesiredState(BargeSettings.DEFAULTS, List.of(deployments));
    }

    private static Deployment deployment(String name, Map<String, List<String>> match, List<String> nodes, String... stacks) {
        Origin origin = new Origin("deployments/" + name + ".yaml", 1);
        List<StackSpec> specs = Stream.of(stacks).map(s -> new StackSpec(s, name, "stacks/" + s + "/compose.yaml", null,
                StackSpec.Drift.CORRECT, StackSpec.DEFAULT_HEALTH_TIMEOUT, origin)).toList();
        return new Deployment(name, match, nodes, specs, origin);
    }
}
