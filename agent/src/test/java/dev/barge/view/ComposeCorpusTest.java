package dev.barge.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.ConfigLoader;
import dev.barge.config.InvalidConfigException;
import dev.barge.config.Problem;
import dev.barge.config.SecretReader;
import dev.barge.config.model.StackSpec;
import dev.barge.select.NodeIdentity;
import dev.barge.select.NodeSlice;
import dev.barge.source.DirectoryTree;
import dev.barge.tree.FileTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every compose file under src/test/resources/compose-corpus/CASE/compose.yaml is loaded as a stack of one
 * deployment (with CASE/profiles and CASE/env, when present, as the stack's profiles: and env:) and its render,
 * warnings or refusal compared with golden/compose-corpus/CASE.txt. SUMMARY.txt holds the acceptance rate.
 */
class ComposeCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/compose-corpus");

    @Test
    void everyCorpusFileRendersAsItsGoldenFile() throws IOException {
        List<String> cases;
        try (Stream<Path> dirs = Files.list(CORPUS)) {
            cases = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
        int accepted = 0;
        StringBuilder summary = new StringBuilder();
        for (String name : cases) {
            String outcome = outcome(name);
            if (!outcome.startsWith("# refused")) {
                accepted++;
            }
            summary.append(outcome.startsWith("# refused") ? "refused  " : "accepted ").append(name).append('\n');
            Golden.assertMatches("compose-corpus/" + name + ".txt", outcome);
        }
        summary.append("accepted ").append(accepted).append(" of ").append(cases.size()).append('\n');
        Golden.assertMatches("compose-corpus/SUMMARY.txt", summary.toString());
    }

    private static String outcome(String name) throws IOException {
        FileTree tree = new Overlay(new DirectoryTree(CORPUS), "deployments/corpus.yaml", deployment(name));
        StackSpec stack;
        try {
            stack = ConfigLoader.load(tree, SecretReader.NONE).deployments().get(0).stacks().get(0);
        } catch (InvalidConfigException e) {
            StringBuilder out = new StringBuilder("# refused\n");
            e.problems().stream().sorted().map(Problem::render).forEach(p -> out.append(p).append('\n'));
            return out.toString();
        }
        StringBuilder out = new StringBuilder();
        stack.warnings().forEach(w -> out.append("# warning: ").append(w).append('\n'));
        NodeSlice slice = new NodeSlice(new NodeIdentity("corpus", Map.of()), List.of(new NodeSlice.Selected(stack, "corpus")),
                List.of());
        return out.append(ComposeView.yaml(slice)).toString();
    }

    private static String deployment(String name) throws IOException {
        StringBuilder d = new StringBuilder("deployment: corpus\nmatch: {}\nstacks:\n  - name: corpus\n    compose: ")
                .append(name).append("/compose.yaml\n");
        Path profiles = CORPUS.resolve(name).resolve("profiles");
        if (Files.exists(profiles)) {
            d.append("    profiles: [").append(String.join(", ", Files.readAllLines(profiles))).append("]\n");
        }
        Path env = CORPUS.resolve(name).resolve("env");
        if (Files.exists(env)) {
            d.append("    env:\n");
            for (String line : Files.readAllLines(env)) {
                int eq = line.indexOf('=');
                d.append("      ").append(line, 0, eq).append(": \"").append(line.substring(eq + 1)).append("\"\n");
            }
        }
        return d.toString();
    }

    /** The corpus directory with one more file: the deployment naming the case. */
    private record Overlay(FileTree base, String path, String content) implements FileTree {
        @Override
        public Optional<byte[]> read(String p) {
            return p.equals(path) ? Optional.of(content.getBytes(StandardCharsets.UTF_8)) : base.read(p);
        }

        @Override
        public List<String> list(String directory) {
            return directory.equals("deployments") ? List.of(path) : base.list(directory);
        }

        @Override
        public String describe() {
            return "the compose corpus";
        }
    }
}
