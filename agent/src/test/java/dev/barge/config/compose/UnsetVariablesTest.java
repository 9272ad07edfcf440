package dev.barge.config.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.DocumentReader;
import dev.barge.config.Problem;
import dev.barge.config.Problems;
import dev.barge.config.SourceDocument;
import dev.barge.config.Variable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An unset variable: Compose warns ("The X variable is not set. Defaulting to a blank string.") for ${X} and $X,
 * is silent for ${X:-d}, ${X-d}, ${X:+r}, ${X+r}, and fails for ${X:?m}, ${X?m}. barge turns the warning into an
 * error where the empty string would change what runs: the image, a port, a volume path, the container name.
 */
class UnsetVariablesTest {

    enum Verdict { SILENT, WARNING, ERROR }

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("image: busybox:${TAG}", Verdict.ERROR),
                Arguments.of("image: busybox:$TAG", Verdict.ERROR),
                Arguments.of("image: busybox:${TAG:-1.36}", Verdict.SILENT),
                Arguments.of("image: busybox:${TAG-1.36}", Verdict.SILENT),
                Arguments.of("image: busybox${TAG:+:1.36}", Verdict.SILENT),
                Arguments.of("container_name: web-${ENV}", Verdict.ERROR),
                Arguments.of("ports: [\"${PORT}:80\"]", Verdict.ERROR),
                Arguments.of("ports: [{target: 80, published: \"${PORT}\"}]", Verdict.ERROR),
                Arguments.of("volumes: [\"${DATA}/db:/db\"]", Verdict.ERROR),
                Arguments.of("volumes: [{type: bind, source: \"${DATA}/db\", target: /db}]", Verdict.ERROR),
                Arguments.of("volumes: [\"${DATA-/srv}/db:/db\"]", Verdict.SILENT),
                Arguments.of("environment: {A: \"${A}\"}", Verdict.WARNING),
                Arguments.of("environment: {A: \"${A-}\"}", Verdict.SILENT),
                Arguments.of("environment: {A: \"${A:-}\"}", Verdict.SILENT),
                Arguments.of("command: echo ${GREETING}", Verdict.WARNING),
                Arguments.of("labels: {team: \"$TEAM\"}", Verdict.WARNING),
                Arguments.of("hostname: \"${HOST:?set HOST}\"", Verdict.ERROR),
                Arguments.of("hostname: \"${HOST?set HOST}\"", Verdict.ERROR),
                Arguments.of("command: echo $$HOME", Verdict.SILENT));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("rules")
    void unsetVariablesAsCompose(String line, Verdict verdict) {
        String yaml = "services:\n  web:\n    image: busybox:1.36\n".replace("    image: busybox:1.36\n",
                line.startsWith("image:") ? "" : "    image: busybox:1.36\n") + "    " + line + "\n";
        Problems problems = new Problems();
        SourceDocument doc = DocumentReader.readYaml(Fixture.FILE, yaml.getBytes(StandardCharsets.UTF_8), problems).get(0);
        ComposeParser.Context context = new ComposeParser.Context("web", "stacks/web", Map.of("SET", Variable.plain("x")),
                new MemoryTree(), new FakeSecrets());
        ComposeParser.parse(doc, "", context, problems);

        List<Problem> errors = problems.list();
        List<Problem> warnings = problems.warningsFrom(0);
        switch (verdict) {
            case SILENT -> {
                assertThat(errors).isEmpty();
                assertThat(warnings).isEmpty();
            }
            case WARNING -> {
                assertThat(errors).isEmpty();
                assertThat(warnings).singleElement().satisfies(w -> {
                    assertThat(w.render()).startsWith(Fixture.FILE + ":4: variable ");
                    assertThat(w.message()).contains("is not set").contains("as Compose does");
                });
            }
            case ERROR -> {
                assertThat(warnings).isEmpty();
                assertThat(errors).isNotEmpty();
                assertThat(errors.get(0).render()).startsWith(Fixture.FILE + ":" + (line.startsWith("image:") ? 3 : 4) + ": ");
                assertThat(errors).anySatisfy(e -> assertThat(e.message()).containsAnyOf("is not set", "is missing a value"));
            }
        }
    }
}
