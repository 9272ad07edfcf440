package dev.barge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.barge.record.NodeState;
import dev.barge.view.NodeStatus;
import dev.barge.view.StatusView;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /status} and {@code barge status --json} validate against schema/status.schema.json (as packaged). */
class StatusSchemaTest {
    private static Schema schema;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = StatusSchemaTest.class.getResourceAsStream("/schema/status.schema.json")) {
            assertThat(in).as("schema/status.schema.json on the classpath").isNotNull();
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in, InputFormat.JSON);
        }
    }

    @Test
    void theAgentsStatusIsValidAndCarriesItsOwnState() {
        NodeState pinned = PageSamples.state(new NodeState.Pin(PageSamples.APPLIED, PageSamples.T0, "rollback by cli"));
        String json = StatusDocument.render(PageSamples.snapshot(pinned,
                new Readiness.LastFailure(PageSamples.T0, PageSamples.HEAD, "failed to apply 9d8c7b6 (poll): gate"), "by ops"));
        assertThat(errors(json)).isEmpty();
        assertThat(json).contains("\"format_version\" : \"1\"").contains("\"pinned\" : true")
                .contains("\"suspended\" : true").contains("\"ready\" : false").contains("\"last_failure\" : {")
                .contains("\"last_poll\" : \"2026-11-29T10:00:50Z\"").contains("\"next_poll\" : \"2026-11-29T10:01:50Z\"");
        assertThat(errors(StatusDocument.render(PageSamples.snapshot(PageSamples.state(null), null, null)))).isEmpty();
    }

    @Test
    void theCliStatusIsValidWithAndWithoutAnAgentOrEngine() {
        NodeStatus withAgent = PageSamples.snapshot(PageSamples.state(null), null, null).status();
        assertThat(errors(StatusView.json(withAgent))).isEmpty();
        NodeStatus bare = new NodeStatus("vm", NodeState.EMPTY, new NodeStatus.Remote.NotConfigured(),
                new NodeStatus.Engine.Unreachable("no engine"));
        assertThat(errors(StatusView.json(bare))).isEmpty();
    }

    @Test
    void theSchemaCatchesADriftingRenderer() {
        String json = StatusDocument.render(PageSamples.snapshot(PageSamples.state(null), null, null));
        assertThat(errors(json.replace("\"ready\" : true", "\"ready\" : \"yes\""))).isNotEmpty();
        assertThat(errors(json.replace("\"format_version\" : \"1\"", "\"format_version\" : \"2\""))).isNotEmpty();
    }

    private static List<Error> errors(String json) {
        return schema.validate(json, InputFormat.JSON);
    }
}
