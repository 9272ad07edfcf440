package dev.barge.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DiffViewTest {
    private static Schema schema;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = DiffViewTest.class.getResourceAsStream("/schema/diff.schema.json")) {
            assertThat(in).as("schema/diff.schema.json on the classpath").isNotNull();
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in, InputFormat.JSON);
        }
    }

    @Test
    void goldenHuman() {
        Golden.assertMatches("diff/rich.txt", DiffView.human(SampleDiffs.rich(), false));
        Golden.assertMatches("diff/rich.colour.txt", DiffView.human(SampleDiffs.rich(), true));
        Golden.assertMatches("diff/unchanged.txt", DiffView.human(SampleDiffs.unchanged(), false));
    }

    @Test
    void goldenMarkdown() {
        Golden.assertMatches("diff/rich.md", DiffView.markdown(SampleDiffs.rich(), DiffView.COMMENT_LIMIT));
        Golden.assertMatches("diff/invalid-head.md", DiffView.markdown(SampleDiffs.invalidHead(), DiffView.COMMENT_LIMIT));
    }

    @Test
    void goldenJsonValidatesAgainstItsSchema() {
        String rich = DiffJson.write(SampleDiffs.rich());
        Golden.assertMatches("diff/rich.json", rich);
        assertThat(errors(rich)).isEmpty();
        assertThat(errors(DiffJson.write(SampleDiffs.unchanged()))).isEmpty();
        assertThat(errors(DiffJson.write(SampleDiffs.invalidHead()))).isEmpty();
    }

    @Test
    void theSchemaRejectsAValueInASensitiveAttribute() {
        String rich = DiffJson.write(SampleDiffs.rich());
        assertThat(rich).contains("\"after\": \"(sensitive)\"");
        assertThat(errors(rich.replaceFirst("\"after\": \"\\(sensitive\\)\"", "\"after\": \"hunter2\""))).isNotEmpty();
        assertThat(errors(rich.replace("\"format_version\": \"1\"", "\"format_version\": \"2\""))).isNotEmpty();
    }

    @Test
    void theMarkdownSaysHowManyNodesChangeAndFoldsEachGroup() {
        String md = DiffView.markdown(SampleDiffs.rich(), DiffView.COMMENT_LIMIT);
        assertThat(md).startsWith("### barge diff: 24 of 30 nodes change\n");
        assertThat(md).contains("<details><summary>3 nodes: stage-1, stage-2, stage-3</summary>")
                .contains("<details><summary>20 nodes: earth-1, earth-2, earth-3, earth-4, earth-5, earth-6, earth-7, earth-8,"
                        + " earth-9, earth-10 and 3 more</summary>");
        assertThat(md).contains("(sensitive, may have changed)");
    }

    @Test
    void controlCharactersAndMarkupFromTheRepoAreEscapedInEveryView() {
        String md = DiffView.markdown(SampleDiffs.rich(), DiffView.COMMENT_LIMIT);
        assertThat(md).doesNotContain("\u001b").contains("\\x1b[31m");
        // the value holds two backticks: the block's fence is longer, so the value cannot close it
        assertThat(md).contains("````diff\n");
        assertThat(DiffView.human(SampleDiffs.rich(), false)).doesNotContain("\u001b");
    }

    @Test
    void aNodeNameCannotOpenATagInTheComment() {
        var evil = new dev.barge.diff.Member(new dev.barge.select.NodeIdentity("</summary><img src=x>", java.util.Map.of()), 1, false);
        var rich = SampleDiffs.rich();
        var diff = new dev.barge.diff.FleetDiff(rich.formatVersion(), "a`b", "c", 3,
                List.of(new dev.barge.diff.FleetDiff.Group(List.of(evil), rich.groups().get(0).effect())), 2, true,
                List.of(), List.of(), List.of());
        String md = DiffView.markdown(diff, DiffView.COMMENT_LIMIT);
        assertThat(md).doesNotContain("<img").contains("&lt;/summary&gt;&lt;img src=x&gt;").doesNotContain("a`b");
    }

    @Test
    void aDiffOverTheCommentLimitIsCutWithACount() {
        String md = DiffView.markdown(SampleDiffs.huge(400, 30), DiffView.COMMENT_LIMIT);
        assertThat(md.length()).isLessThanOrEqualTo(DiffView.COMMENT_LIMIT);
        assertThat(md).containsPattern("_\\d+ more groups \\(\\d+ nodes\\) not shown");
        assertThat(md.split("<details>", -1).length - 1).isEqualTo(md.split("</details>", -1).length - 1);

        String oneGroup = DiffView.markdown(SampleDiffs.huge(1, 3000), DiffView.COMMENT_LIMIT);
        assertThat(oneGroup.length()).isLessThanOrEqualTo(DiffView.COMMENT_LIMIT);
        assertThat(oneGroup).containsPattern("\\.\\.\\. \\d+ more lines not shown").endsWith("</details>\n");
    }

    private static List<String> errors(String json) {
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }
}
