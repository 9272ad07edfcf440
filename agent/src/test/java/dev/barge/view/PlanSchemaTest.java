package dev.barge.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.barge.plan.SamplePlans;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON rendering validates against schema/plan.schema.json (read from the classpath, as packaged). */
class PlanSchemaTest {
    private static Schema schema;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = PlanSchemaTest.class.getResourceAsStream("/schema/plan.schema.json")) {
            assertThat(in).as("schema/plan.schema.json on the classpath").isNotNull();
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in, InputFormat.JSON);
        }
    }

    @Test
    void a_plan_with_every_action_and_reason_is_valid() {
        assertThat(errors(PlanView.json(SamplePlans.rich()))).isEmpty();
    }

    @Test
    void a_plan_that_carries_out_an_interrupted_replace_again_is_valid_and_reads_so() {
        var before = dev.barge.plan.Fixtures.stack("web", dev.barge.plan.ServiceBuilder.service("api").env("TAG", "1").build());
        var after = dev.barge.plan.Fixtures.stack("web", dev.barge.plan.ServiceBuilder.service("api").env("TAG", "2").build());
        var oldApi = dev.barge.plan.Fixtures.running(before, before.project().services().get("api"));
        var parked = dev.barge.plan.Fixtures.renamed(oldApi, "web-api-1-barge-old");
        var unverified = dev.barge.plan.Fixtures.running(after, after.project().services().get("api"));
        var plan = dev.barge.plan.Fixtures.plan(dev.barge.plan.Fixtures.slice(after),
                dev.barge.plan.Fixtures.state(java.util.List.of(unverified, parked), dev.barge.plan.Fixtures.matching(after)),
                dev.barge.plan.Fixtures.recorded(oldApi));

        String json = PlanView.json(plan);
        assertThat(errors(json)).isEmpty();
        assertThat(json).contains("\"code\": \"interrupted_replace\"").contains("\"parked\": \"web-api-1-barge-old\"");
        assertThat(PlanView.human(plan, false))
                .contains("web/api  replacement left by an interrupted apply, its health gate unfinished")
                .contains("web/api  interrupted replace, carried out again from web-api-1-barge-old");
    }

    @Test
    void a_plan_without_changes_is_valid() {
        assertThat(errors(PlanView.json(SamplePlans.unchanged()))).isEmpty();
    }

    /** The schema is strict enough to catch a renderer that drifts from it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"action\": \"create\"|\"action\": \"explode\"",
            "\"format_version\": \"1\"|\"format_version\": \"2\"",
            "\"after\": \"(sensitive)\"|\"after\": \"hunter2\"",
            "\"code\": \"spec_changed\",|\"code\": \"spec_changed\", \"extra\": 1,",
            "\"drift\": true|\"drift\": false"})
    void a_broken_document_is_rejected(String from, String to) {
        String json = PlanView.json(SamplePlans.rich());
        assertThat(json).contains(from);
        assertThat(errors(json.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to))))
                .isNotEmpty();
    }

    private static List<String> errors(String json) {
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }
}
