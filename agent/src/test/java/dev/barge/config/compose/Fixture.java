package dev.barge.config.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.DocumentReader;
import dev.barge.config.Problem;
import dev.barge.config.Problems;
import dev.barge.config.SourceDocument;
import dev.barge.config.Variable;
import dev.barge.config.model.ComposeProject;
import dev.barge.config.model.ServiceSpec;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parses compose YAML text blocks the way the loader will: file stacks/web/compose.yaml, stack "web". */
final class Fixture {
    static final String FILE = "stacks/web/compose.yaml";

    final MemoryTree tree = new MemoryTree();
    final Map<String, Variable> variables = new HashMap<>();

    /** The outcome of one parse: the project (null on any problem) and every problem. */
    record Parsed(ComposeProject project, List<Problem> problems) {
        ServiceSpec service(String name) {
            assertThat(problems).as("problems").isEmpty();
            return project.services().get(name);
        }

        List<String> messages() {
            return problems.stream().map(Problem::message).toList();
        }
    }

    Fixture variable(String name, String value) {
        variables.put(name, Variable.plain(value));
        return this;
    }

    Fixture secret(String name, String value) {
        variables.put(name, new Variable(value, true));
        return this;
    }

    Fixture file(String path, String content) {
        tree.with(path, content);
        return this;
    }

    Fixture link(String path) {
        tree.link(path);
        return this;
    }

    Fixture executable(String path, String content) {
        tree.executable(path, content);
        return this;
    }

    Parsed parse(String yaml) {
        return parse(yaml, "");
    }

    Parsed parse(String yaml, String pointer) {
        Problems problems = new Problems();
        List<SourceDocument> docs = DocumentReader.readYaml(FILE, yaml.getBytes(StandardCharsets.UTF_8), problems);
        assertThat(problems.list()).as("YAML syntax").isEmpty();
        ComposeParser.Context context = new ComposeParser.Context("web", "stacks/web", variables, tree, new FakeSecrets());
        ComposeProject project = ComposeParser.parse(docs.get(0), pointer, context, problems);
        return new Parsed(project, problems.list());
    }

    /** A one-service compose file: {@code body} is the service's keys, indented by the caller by 0. */
    Parsed service(String body) {
        return parse("services:\n  app:\n    image: busybox:1.36\n" + body.indent(4) + """
                networks:
                  front: {}
                  back: {}
                volumes:
                  data: {}
                configs:
                  nginx: {file: nginx.conf}
                secrets:
                  db_password: {file: ../../secrets/db.sops.txt}
                """);
    }

    static Fixture repo() {
        return new Fixture()
                .file("stacks/web/nginx.conf", "server {}\n")
                .file("secrets/db.sops.txt", FakeSecrets.MARK + "hunter2");
    }
}
