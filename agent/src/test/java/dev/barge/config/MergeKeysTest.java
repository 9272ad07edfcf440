package dev.barge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** YAML merge keys against what Compose (go-yaml v3) gives for the same text, written as flow JSON. */
class MergeKeysTest {

    static Stream<Arguments> composeReadsThemSo() {
        return Stream.of(
                Arguments.of("single alias",
                        "x: &d {a: 1, b: 2}\ny:\n  <<: *d\n  c: 3\n", "{\"a\":1,\"b\":2,\"c\":3}"),
                Arguments.of("explicit key after the merge wins",
                        "x: &d {a: 1, b: 2}\ny:\n  <<: *d\n  b: 9\n", "{\"a\":1,\"b\":9}"),
                Arguments.of("explicit key before the merge wins too",
                        "x: &d {a: 1, b: 2}\ny:\n  b: 9\n  <<: *d\n", "{\"b\":9,\"a\":1}"),
                Arguments.of("in a list the first mapping wins",
                        "x: &a {k: a, p: 1}\nz: &b {k: b, q: 2}\ny:\n  <<: [*a, *b]\n", "{\"k\":\"a\",\"p\":1,\"q\":2}"),
                Arguments.of("inline mapping",
                        "y:\n  <<: {a: 1}\n  b: 2\n", "{\"a\":1,\"b\":2}"),
                Arguments.of("shallow: a nested mapping is replaced, not merged",
                        "x: &d {env: {A: 1, B: 2}}\ny:\n  <<: *d\n  env: {C: 3}\n", "{\"env\":{\"C\":3}}"),
                Arguments.of("merge inside an anchored mapping, then merged again",
                        "x: &a {a: 1}\nz: &b\n  <<: *a\n  b: 2\ny:\n  <<: *b\n  c: 3\n", "{\"a\":1,\"b\":2,\"c\":3}"),
                Arguments.of("deep in a compose file",
                        "x-log: &log\n  driver: json-file\nservices:\n  web:\n    logging:\n      <<: *log\n      options: {max-size: 1m}\n",
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("composeReadsThemSo")
    void mergeKeysMergeAsCompose(String name, String yaml, String expectedY) throws Exception {
        Problems problems = new Problems();
        List<SourceDocument> docs = read(yaml, problems);
        assertThat(problems.list()).isEmpty();
        if (expectedY == null) {
            assertThat(docs.get(0).root().at("/services/web/logging").toString())
                    .isEqualTo("{\"driver\":\"json-file\",\"options\":{\"max-size\":\"1m\"}}");
            return;
        }
        assertThat(docs.get(0).root().get("y").toString()).isEqualTo(expectedY);
        assertThat(docs.get(0).root().get("y").has("<<")).isFalse();
    }

    @Test
    void mergedContentPointsAtTheLineOfTheAnchorsKey() {
        String yaml = """
                x-defaults: &defaults
                  restart: always
                  image: busybox
                services:
                  web:
                    <<: *defaults
                    command: x
                """;
        SourceDocument doc = read(yaml, new Problems()).get(0);
        assertThat(doc.lineOf("/services/web/image")).isEqualTo(3);
        assertThat(doc.lineOf("/services/web/restart")).isEqualTo(2);
        assertThat(doc.lineOf("/services/web/command")).isEqualTo(7);
    }

    @Test
    void aliasedContentPointsAtTheAnchorsLinesTheAliasAtItsOwn() {
        String yaml = "x: &env\n  A: 1\n  B: 2\nservices:\n  web:\n    environment: *env\n";
        SourceDocument doc = read(yaml, new Problems()).get(0);
        assertThat(doc.lineOf("/services/web/environment")).isEqualTo(6);
        assertThat(doc.lineOf("/services/web/environment/B")).isEqualTo(3);
    }

    @Test
    void mergingAScalarIsRefusedWithItsLine() {
        Problems problems = new Problems();
        read("a: &s text\nb:\n  <<: *s\n", problems);
        assertThat(problems.list()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("the merge key << takes a mapping");
        });
    }

    @Test
    void aMergeBombStaysBounded() {
        StringBuilder yaml = new StringBuilder("a0: &a0 {k0: 1, k1: 2, k2: 3, k3: 4, k4: 5, k5: 6, k6: 7, k7: 8, k8: 9, k9: 10}\n");
        for (int i = 1; i < 12; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" {<<: [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("], x").append(i).append(": [*a").append(i - 1).append(", *a").append(i - 1).append("]}\n");
        }
        Problems problems = new Problems();
        read(yaml.toString(), problems);
        assertThat(problems.list()).singleElement().satisfies(p -> assertThat(p.message()).contains("aliases expand to more than"));
    }

    @Test
    void jsonKeepsALiteralMergeKey() {
        Problems problems = new Problems();
        List<SourceDocument> docs = DocumentReader.readJson("a.json", "{\"<<\": 1}".getBytes(StandardCharsets.UTF_8), problems);
        assertThat(docs.get(0).root().get("<<").intValue()).isEqualTo(1);
    }

    private static List<SourceDocument> read(String yaml, Problems problems) {
        return DocumentReader.readYaml("compose.yaml", yaml.getBytes(StandardCharsets.UTF_8), problems);
    }
}
