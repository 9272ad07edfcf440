package dev.barge.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.DocumentReader;
import dev.barge.config.Problems;
import dev.barge.config.SecretReader;
import dev.barge.config.SourceDocument;
import dev.barge.config.Variable;
import dev.barge.config.compose.ComposeParser;
import dev.barge.config.model.ComposeProject;
import dev.barge.config.model.Origin;
import dev.barge.config.model.StackSpec;
import dev.barge.tree.FileTree;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stacks for policy tests, parsed from compose text by the real parser so the model is the one apply sees. */
final class Stacks {
    static final String FILE = "stacks/shop/compose.yaml";

    private Stacks() {
    }

    /** Stack "shop" from a whole compose file; {@code SECRET} interpolates a sensitive value. */
    static StackSpec compose(String yaml) {
        return compose("shop", yaml);
    }

    static StackSpec compose(String stack, String yaml) {
        Problems problems = new Problems();
        List<SourceDocument> docs = DocumentReader.readYaml(FILE, yaml.getBytes(StandardCharsets.UTF_8), problems);
        ComposeProject project = ComposeParser.parse(docs.get(0), "", new ComposeParser.Context(stack, "stacks/" + stack,
                Map.of("SECRET", new Variable("SYS_ADMIN", true)), tree(yaml), SecretReader.NONE), problems);
        assertThat(problems.list()).as("compose problems").isEmpty();
        return new StackSpec(stack, "d", FILE, project, StackSpec.Drift.CORRECT, StackSpec.DEFAULT_HEALTH_TIMEOUT,
                new Origin("deployments/d.yaml", 3));
    }

    /** Stack "shop" with one service "web" whose keys are {@code body}, plus the given top-level text. */
    static StackSpec service(String body, String topLevel) {
        return compose("services:\n  web:\n    image: busybox:1.36\n" + body.indent(4) + topLevel);
    }

    static StackSpec service(String body) {
        return service(body, "");
    }

    /** A repo holding only the compose file. */
    static FileTree tree(String yaml) {
        return new FileTree() {
            @Override
            public Optional<byte[]> read(String path) {
                return path.equals(FILE) ? Optional.of(yaml.getBytes(StandardCharsets.UTF_8)) : Optional.empty();
            }

            @Override
            public List<String> list(String directory) {
                return List.of();
            }

            @Override
            public String describe() {
                return "memory";
            }
        };
    }
}
