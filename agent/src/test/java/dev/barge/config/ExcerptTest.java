package dev.barge.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.compose.DotEnv;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A message quotes at most a short, escaped excerpt of a file's text (issue 8, finding 3). */
class ExcerptTest {
    private static final String MARKER = "MARKER-AFTER-FORTY-CHARACTERS";

    @Test
    void anExcerptIsShortAndEscaped() {
        assertThat(Excerpt.quoted("a\u001b[31mb\tc\n")).isEqualTo("'a\\u001b[31mb\\tc\\n'");
        assertThat(Excerpt.of("x".repeat(41))).isEqualTo("x".repeat(40) + "...");
        assertThat(Excerpt.of("\u202eevil")).isEqualTo("\\u202eevil");
    }

    @Test
    void aDotenvErrorQuotesNoMoreThanAnEscapedExcerptOfTheLine() {
        Problems problems = new Problems();
        String line = "root:\u001b]0;title\u0007" + "x".repeat(40) + MARKER + ":19000:0:99999:7:::\n";

        DotEnv.parse("stacks/shadow", line.getBytes(StandardCharsets.UTF_8), problems);

        assertThat(problems.list()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("(got 'root:\\u001b]0;title\\u0007x").doesNotContain(MARKER).doesNotContain("\u001b"));
    }

    @Test
    void aYamlErrorQuotesNoLineOfTheFile() {
        Problems problems = new Problems();
        String text = "key: value\npassword: \"" + "x".repeat(10) + MARKER + "\n  broken: [\n";

        DocumentReader.readYaml("env.yaml", text.getBytes(StandardCharsets.UTF_8), problems);

        assertThat(problems.list()).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("not valid YAML: ").doesNotContain(MARKER).doesNotContain("\n");
        });
    }

    @Test
    void aJsonErrorQuotesAShortExcerptOfTheToken() {
        Problems problems = new Problems();
        String text = "{\"a\": root" + "x".repeat(40) + MARKER + "}";

        DocumentReader.readJson("env.json", text.getBytes(StandardCharsets.UTF_8), problems);

        assertThat(problems.list()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("Unrecognized token 'rootxxx").doesNotContain(MARKER));
    }
}
