package dev.barge.config.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.DocumentReader;
import dev.barge.config.Problems;
import dev.barge.config.SourceDocument;
import dev.barge.config.model.ComposeProject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which services run for a set of active profiles, as `docker compose --profile ... up` runs them. */
class ProfilesTest {
    private static final String COMPOSE = """
            services:
              web: {image: busybox:1.36}
              debug: {image: busybox:1.36, profiles: [debug]}
              seed: {image: busybox:1.36, profiles: [tools, debug]}
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(List.of(), List.of("web")),
                Arguments.of(List.of("debug"), List.of("web", "debug", "seed")),
                Arguments.of(List.of("tools"), List.of("web", "seed")),
                Arguments.of(List.of("other"), List.of("web")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void servicesWithoutProfilesAlwaysRun(List<String> active, List<String> running) {
        Problems problems = new Problems();
        ComposeProject project = parse(COMPOSE, active, problems);
        assertThat(problems.list()).isEmpty();
        assertThat(project.services().keySet()).containsExactlyInAnyOrderElementsOf(running);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void profilesAreRefusedAsCompose(String compose, String message) {
        Problems problems = new Problems();
        parse(compose, List.of(), problems);
        assertThat(problems.list()).anySatisfy(p -> assertThat(p.message()).contains(message));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("services:\n  web: {image: a, depends_on: [db]}\n  db: {image: b, profiles: [db]}\n",
                        "depends on db, which no active profile runs"),
                Arguments.of("services:\n  web: {image: a, profiles: [\"-x\"]}\n", "profile names"));
    }

    private static ComposeProject parse(String yaml, List<String> active, Problems problems) {
        SourceDocument doc = DocumentReader.readYaml(Fixture.FILE, yaml.getBytes(StandardCharsets.UTF_8), problems).get(0);
        ComposeParser.Context context = new ComposeParser.Context("web", "stacks/web", Map.of(), new MemoryTree(),
                new FakeSecrets(), active);
        return ComposeParser.parse(doc, "", context, problems);
    }
}
