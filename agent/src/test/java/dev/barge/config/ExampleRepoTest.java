package dev.barge.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.model.AgentConfig;
import dev.barge.config.model.Deployment;
import dev.barge.config.model.DesiredState;
import dev.barge.select.NodeIdentity;
import dev.barge.select.NodeSlice;
import dev.barge.select.Selector;
import dev.barge.source.DirectoryTree;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** examples/ must stay loadable: it is what people copy. Needs the compose parser. */
class ExampleRepoTest {
    private static DesiredState load() {
        return ConfigLoader.load(new DirectoryTree(Repos.checkout().resolve("examples/config-repo")), SecretReader.NONE);
    }

    @Test
    void exampleRepoLoadsWithoutProblems() {
        DesiredState state = load();

        assertThat(state.deployments()).extracting(Deployment::name)
                .containsExactly("earth-staging", "earth-production", "mars", "mars-staging", "mars-production");
        assertThat(state.settings().defaultEnv()).containsEntry("TZ", "UTC");
        assertThat(state.deployments()).allSatisfy(d -> assertThat(d.stacks()).allSatisfy(s -> assertThat(s.project()).isNotNull()));
    }

    @Test
    void theDemoNodeRunsMarsStaging() {
        AgentConfig agent = AgentConfigLoader.load(Repos.checkout().resolve("examples/agent.yaml"));

        NodeSlice slice = Selector.select(load(), new NodeIdentity(agent.node().name(), agent.node().labels()));

        assertThat(slice.stacks()).extracting(s -> s.stack().deployment() + "/" + s.stack().name())
                .containsExactly("mars-staging/shop", "mars-staging/status");
        assertThat(slice.stacks().get(0).why()).isEqualTo("client=mars, environment=staging (one of staging, qa)");
        assertThat(slice.stacks().get(0).stack().project().services()).containsOnlyKeys("api", "web", "worker");
        assertThat(slice.stacks().get(0).stack().project().volumes()).containsOnlyKeys("data");
        assertThat(slice.stacks()).allSatisfy(s -> assertThat(s.stack().project().services().values())
                .allSatisfy(service -> {
                    assertThat(service.image()).isEqualTo("busybox:1.36");
                    assertThat(service.ports()).allSatisfy(p -> assertThat(p.hostIp()).isEqualTo("127.0.0.1"));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "earth-1      | earth | staging    | protection | earth-staging/shop, mars/nginx-1, mars/ubuntu-1",
            "earth-prod-1 | earth | production | shop       | earth-production/shop, earth-production/status",
            "earth-prod-3 | earth | production | shop       | ''",
            "mars-qa      | mars  | qa         | shop       | mars-staging/shop, mars-staging/status",
            "mars-prod    | mars  | production | shop       | mars-production/shop, mars-production/status"})
    void eachNodeGetsItsDeployments(String node, String client, String environment, String solution, String expected) {
        NodeSlice slice = Selector.select(load(), new NodeIdentity(node, Map.of("client", client, "environment", environment,
                "solution", solution)));

        assertThat(String.join(", ", slice.stacks().stream().map(s -> s.stack().deployment() + "/" + s.stack().name()).toList()))
                .isEqualTo(expected);
    }
}
