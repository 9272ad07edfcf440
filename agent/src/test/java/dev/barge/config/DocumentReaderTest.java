package dev.barge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {

    @Test
    void yamlKeepsTheLineOfEveryKeyAcrossDocuments() {
        String yaml = """
                deployment: a
                match:
                  client: earth
                ---
                deployment: b
                stacks:
                  - name: web
                    env: {ON: yes}
                """;
        Problems problems = new Problems();
        List<SourceDocument> docs = DocumentReader.readYaml("deployments/x.yaml", yaml.getBytes(StandardCharsets.UTF_8), problems);

        assertThat(problems.isEmpty()).isTrue();
        assertThat(docs).hasSize(2);
        assertThat(docs.get(0).lineOf("/match/client")).isEqualTo(3);
        assertThat(docs.get(0).lineOf("/match")).isEqualTo(2);
        assertThat(docs.get(1).lineOf("/stacks/0/name")).isEqualTo(7);
        assertThat(docs.get(1).lineOf("/stacks/0/env/ON")).isEqualTo(8);
        assertThat(docs.get(1).root().at("/stacks/0/env/ON").isTextual()).as("yes stays a string, as in Compose").isTrue();
    }

    @Test
    void jsonAcceptsCommentsAndReportsSyntaxErrorsWithTheirLine() {
        Problems problems = new Problems();
        List<SourceDocument> docs = DocumentReader.readJson("a.json", "{\n // note\n \"a\": 1\n}".getBytes(StandardCharsets.UTF_8), problems);
        assertThat(docs.get(0).lineOf("/a")).isEqualTo(3);

        DocumentReader.readJson("b.json", "{\n \"a\": 1,\n \"a\": 2\n}".getBytes(StandardCharsets.UTF_8), problems);
        DocumentReader.readYaml("c.yaml", "a: [1,\nb: 2\n".getBytes(StandardCharsets.UTF_8), problems);
        assertThat(problems.list()).extracting(Problem::file).containsExactly("b.json", "c.yaml");
        assertThat(problems.list().get(0).line()).isEqualTo(3);
    }
}
