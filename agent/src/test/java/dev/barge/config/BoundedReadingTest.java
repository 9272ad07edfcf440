package dev.barge.config;

import dev.barge.tree.RepoPaths;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Regressions from the mutation run: inputs that crashed, hung or were misread, each now one problem at its line. */
class BoundedReadingTest {

    private static Problem onlyProblem(String file, byte[] content) {
        Problems problems = new Problems();
        DocumentReader.read(file, content, problems);
        assertThat(problems.list()).hasSize(1);
        return problems.list().get(0);
    }

    private static Problem onlyProblem(String file, String content) {
        return onlyProblem(file, content.getBytes(StandardCharsets.UTF_8));
    }

    static String aliasBomb() {
        StringBuilder yaml = new StringBuilder("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            String previous = "*" + (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [")
                    .append(IntStream.range(0, 9).mapToObj(i -> previous).collect(Collectors.joining(","))).append("]\n");
        }
        return yaml.toString();
    }

    @Test
    @Timeout(10)
    void yamlAliasBombIsRefusedWithTheLimitNotOutOfMemory() {
        Problem p = onlyProblem("stacks/shop/env.yaml", aliasBomb());
        assertThat(p.render()).startsWith("stacks/shop/env.yaml:").contains("aliases expand to more than 10000 values");
    }

    @Test
    @Timeout(10)
    void twoThousandDeepNestingIsRefusedWithoutStackOverflow() {
        for (int depth : List.of(2_000, 20_000)) {
            Problem p = onlyProblem("stacks/web/compose.yaml", "services: {}\nx-deep: " + "[".repeat(depth) + "]".repeat(depth) + "\n");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).isEqualTo("nests deeper than 100 levels, the limit: flatten the document");
        }
        Problem json = onlyProblem("deployments/a.json", "{\"a\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}");
        assertThat(json.message()).contains("nests deeper than 100 levels").doesNotContain("StreamReadConstraints");
    }

    /** SnakeYAML's cost grows with the square of a token's length (4 MB took 105 s): a long line is refused before parsing. */
    @Test
    @Timeout(5)
    void fourMebibyteQuotedScalarIsRefusedQuickly() {
        Problem p = onlyProblem("stacks/web/compose.yaml", "services: {}\nx-big: \"" + "a".repeat(4 * 1024 * 1024 - 100) + "\"\n");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.message()).contains("line longer than 256 KiB");
    }

    @Test
    void invalidUtf8IsReportedAsNotUtf8AtItsLine() {
        byte[] content = "a: 1\nb: 2\nc: \u00e9\n".getBytes(StandardCharsets.UTF_8);
        content[content.length - 2] = 0x28; // é's second byte replaced: an invalid middle byte on line 3
        Problem p = onlyProblem("deployments/a.yaml", content);
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.message()).startsWith("is not UTF-8 text").doesNotContain("CharConversionException");
    }

    @Test
    void utf16FileIsNamedUtf16() {
        Problem p = onlyProblem("deployments/a.yaml", "deployment: a\n".getBytes(StandardCharsets.UTF_16));
        assertThat(p.message()).isEqualTo("is UTF-16 text, not UTF-8: save it as UTF-8");
    }

    @Test
    void controlCharacterIsReportedAtItsLine() {
        Problem p = onlyProblem("deployments/a.yaml", "a: 1\nb: \"x\u0000y\"\n");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.message()).contains("control character");
    }

    @Test
    void pythonAndOtherTagsAreRefusedByName() {
        assertThat(onlyProblem("a.yaml", "a: 1\nb: !!python/object:os.system {}\n").message())
                .isEqualTo("the YAML tag !!python/object:os.system is not supported: remove it");
        assertThat(onlyProblem("a.yaml", "b: !!binary aGk=\n").message()).contains("!!binary is not supported");
        assertThat(onlyProblem("a.yaml", "services:\n  a:\n    ports: !reset []\n").message())
                .isEqualTo("Compose's !reset tag is not supported: write the value the service should have in full,"
                        + " without the tag");
        Problems problems = new Problems();
        DocumentReader.read("a.yaml", "a: !!str 5\nb: !!int \"7\"\n".getBytes(StandardCharsets.UTF_8), problems);
        assertThat(problems.isEmpty()).as("core tags are read as their types").isTrue();
    }

    @Test
    void aliasesReadAsTheAnchoredValueNotTheAnchorsName() {
        String yaml = """
                x-img: &img busybox:1.36
                x-cmd: &cmd ["sh", "-c", "true"]
                services:
                  web:
                    image: *img
                    command: *cmd
                """;
        Problems problems = new Problems();
        SourceDocument doc = DocumentReader.read("c.yaml", yaml.getBytes(StandardCharsets.UTF_8), problems).get(0);
        assertThat(problems.isEmpty()).isTrue();
        assertThat(doc.root().at("/services/web/image").asText()).isEqualTo("busybox:1.36");
        assertThat(doc.root().at("/services/web/command").toString()).isEqualTo("[\"sh\",\"-c\",\"true\"]");
        assertThat(doc.lineOf("/services/web/command")).isEqualTo(6);
        assertThat(doc.lineOf("/services/web/command/1")).as("aliased content points where it is written").isEqualTo(2);
        assertThat(onlyProblem("c.yaml", "image: *nothing\n").message())
                .isEqualTo("alias *nothing names no anchor (&nothing) written before it: define the anchor first");
    }

    @Test
    void anchorsAfterFourByteCharactersStillResolve() {
        Problems problems = new Problems();
        SourceDocument doc = DocumentReader.read("c.yaml", "a: \"🚀🚀\"\nb: &b x\nc: *b\n".getBytes(StandardCharsets.UTF_8),
                problems).get(0);
        assertThat(problems.isEmpty()).isTrue();
        assertThat(doc.root().at("/c").asText()).isEqualTo("x");
    }

    @Test
    void jsonFileWithTwoValuesIsRefused() {
        assertThat(onlyProblem("config.json", "{\"a\": 1}\n{\"b\": 2}").render())
                .isEqualTo("config.json:2: has a second top-level JSON value after the first: a JSON file holds one");
    }

    @Test
    void pathWithAControlCharacterIsRefusedByName() {
        assertThat(RepoPaths.resolve("", "stacks/a\u0000b")).isEmpty();
        assertThat(RepoPaths.refusal("stacks/a\u0000b")).isEqualTo("has a control character in its name");
        assertThat(RepoPaths.refusal("../x")).isEqualTo("leaves the repository");
    }
}
