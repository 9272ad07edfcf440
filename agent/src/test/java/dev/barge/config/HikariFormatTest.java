package dev.barge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.barge.config.model.DesiredState;
import dev.barge.config.model.StackSpec;
import dev.barge.select.NodeIdentity;
import dev.barge.select.NodeSlice;
import dev.barge.select.Selector;
import dev.barge.source.DirectoryTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Hikari's example config from its documentation, read as-is (the service counts need the compose parser). */
class HikariFormatTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "as {0}")
    @ValueSource(strings = {"config.json", "deployments/hikari.json"})
    void hikariExampleLoadsIntoTwoStacks(String where) throws IOException {
        DesiredState state = ConfigLoader.load(copyExampleTo(where), SecretReader.NONE);

        assertThat(state.deployments()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("mars");
            assertThat(d.match()).containsOnlyKeys("client", "environment", "solution");
            assertThat(d.origin().toString()).isEqualTo(where + ":4");
        });
        assertThat(state.deployments().get(0).stacks())
                .extracting(StackSpec::name, StackSpec::deployment, StackSpec::composeFile, s -> s.project().services().size())
                .containsExactly(tuple("nginx-1", "mars", null, 2), tuple("ubuntu-1", "mars", null, 1));
        assertThat(state.deployments().get(0).stacks().get(0).project().services()).containsOnlyKeys("nginx-2", "nginx_1");
    }

    static Stream<Arguments> nodes() {
        return Stream.of(
                Arguments.of(Map.of("client", "earth", "environment", "staging", "solution", "protection"), 2),
                Arguments.of(Map.of("client", "earth", "environment", "staging", "solution", "protection", "zone", "b"), 2),
                Arguments.of(Map.of("client", "earth", "environment", "production", "solution", "protection"), 0),
                Arguments.of(Map.of("client", "mars", "environment", "staging", "solution", "protection"), 0),
                Arguments.of(Map.of("client", "earth", "environment", "staging"), 0),
                Arguments.of(Map.of(), 0));
    }

    @ParameterizedTest(name = "{0} runs {1} stacks")
    @MethodSource("nodes")
    void hikariExampleIsSelectedOnlyForItsLabels(Map<String, String> labels, int stacks) throws IOException {
        DesiredState state = ConfigLoader.load(copyExampleTo("config.json"), SecretReader.NONE);

        NodeSlice slice = Selector.select(state, new NodeIdentity("vm-1", labels));

        assertThat(slice.stacks()).hasSize(stacks);
        assertThat(slice.rejected()).hasSize(stacks == 0 ? 1 : 0);
    }

    private DirectoryTree copyExampleTo(String where) throws IOException {
        Path target = dir.resolve(where);
        Files.createDirectories(target.getParent());
        Files.copy(Repos.resource("hikari-example/config.json"), target);
        return new DirectoryTree(dir);
    }
}
