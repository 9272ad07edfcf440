package dev.barge.config.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.DocumentReader;
import dev.barge.config.Problem;
import dev.barge.config.Problems;
import dev.barge.config.SourceDocument;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Patterns found by measuring barge against real-world compose files (bench/real-world-compose.sh) that
 * barge handled differently from Compose or reported confusingly: each row is the pattern in a small
 * file of our own, with every error and warning barge must give for it (message starts, in order).
 */
class RealWorldFilesTest {

    static Stream<Arguments> patterns() {
        return Stream.of(
                // netbox-docker, open-webui: CI builds and pushes the image, Compose pulls it when it can
                Arguments.of("buildBesideImageIsIgnoredWithAWarning", """
                        services:
                          app:
                            build: {context: ., args: [BRANCH=main]}
                            image: example/app:1.0
                        """, List.of(), List.of(
                        "3: 'build' in service app is ignored: barge does not build images and runs image: 'example/app:1.0';"
                                + " build and push it before you commit")),
                // the same through a merge key: the warning points at the anchor's line
                Arguments.of("buildBesideImageThroughAMergeKeyWarnsAtTheAnchor", """
                        services:
                          app: &app
                            image: example/app:1.0
                            build: .
                          worker:
                            <<: *app
                            command: work
                        """, List.of(), List.of(
                        "4: 'build' in service app is ignored",
                        "4: 'build' in service worker is ignored")),
                Arguments.of("buildWithoutImageStaysRefused", """
                        services:
                          app:
                            build: .
                        """, List.of(
                        "2: service app: has no image: barge does not build images",
                        "3: unknown key 'build' in service app: barge does not build images"), List.of()),
                // awesome-compose, uptime-kuma, paperless: the message named the whole "SOURCE:TARGET" item as the source
                Arguments.of("missingRepoBindNamesOnlyItsPath", """
                        services:
                          app:
                            image: busybox:1.36
                            volumes:
                              - ./data:/app/data:rw
                        """, List.of(
                        "5: 'volumes[0]' in service app: the bind source './data' (stacks/web/data) is not in the repository"),
                        List.of()),
                // awesome-compose minecraft: "~/minecraft_data:/data" was quoted whole as the host path
                Arguments.of("homeRelativeHostPathNamesOnlyItsPath", """
                        services:
                          app:
                            image: busybox:1.36
                            volumes:
                              - ~/game:/data
                        """, List.of("5: 'volumes[0]' in service app: the host path '~/game' starts with ~"), List.of()),
                // plex, immich: "${MEDIA}:/media" with MEDIA unset also failed the SOURCE:TARGET syntax on ":/media"
                Arguments.of("unsetVariableInAVolumeIsReportedOnce", """
                        services:
                          app:
                            image: busybox:1.36
                            volumes:
                              - ${MEDIA}:/media
                        """, List.of(
                        "5: variable MEDIA is not set, and a volume path would take an empty string in its place"),
                        List.of()),
                // awesome-compose prometheus-grafana: a bind and a named volume at /prometheus; docker refuses at create
                Arguments.of("duplicateMountPathIsRefusedByValidate", """
                        services:
                          app:
                            image: busybox:1.36
                            volumes:
                              - /srv/prometheus:/prometheus
                              - data:/prometheus/
                            tmpfs: [/prometheus]
                        volumes:
                          data: {}
                        """, List.of(
                        "6: 'volumes[1]' in service app: something is mounted at /prometheus already",
                        "7: 'tmpfs[0]' in service app: something is mounted at /prometheus already"), List.of()),
                Arguments.of("requiredVariableInAPortIsReportedOnce", """
                        services:
                          app:
                            image: busybox:1.36
                            ports:
                              - "${PORT:?set the port}:80"
                        """, List.of("5: required variable PORT is missing a value: set the port"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void realWorldPattern(String name, String yaml, List<String> errors, List<String> warnings) {
        Problems problems = new Problems();
        SourceDocument doc = DocumentReader.readYaml(Fixture.FILE, yaml.getBytes(StandardCharsets.UTF_8), problems).get(0);
        ComposeParser.Context context = new ComposeParser.Context("web", "stacks/web", Map.of(), new MemoryTree(),
                new FakeSecrets());
        ComposeParser.parse(doc, "", context, problems);

        assertThat(problems.list()).extracting(RealWorldFilesTest::shown).hasSameSizeAs(errors)
                .zipSatisfy(errors, (actual, expected) -> assertThat(actual).startsWith(expected));
        assertThat(problems.warningsFrom(0)).extracting(RealWorldFilesTest::shown).hasSameSizeAs(warnings)
                .zipSatisfy(warnings, (actual, expected) -> assertThat(actual).startsWith(expected));
    }

    private static String shown(Problem p) {
        return p.line() + ": " + p.message();
    }
}
