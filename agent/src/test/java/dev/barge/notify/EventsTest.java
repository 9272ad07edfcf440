package dev.barge.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.barge.record.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class EventsTest {
    private static final Instant NOW = Instant.parse("2026-11-29T23:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Event event(dev.barge.reconcile.Outcome outcome) {
        return Events.of(outcome, SampleOutcomes.GOOD, "vm-1", NOW).orElseThrow();
    }

    @Test
    void eachOutcomeGetsItsFluxReason() {
        assertThat(event(SampleOutcomes.applied(Trigger.POLL)).reason()).isEqualTo(Reason.RECONCILIATION_SUCCEEDED);
        assertThat(event(SampleOutcomes.applied(Trigger.DRIFT)).reason()).isEqualTo(Reason.DRIFT_CORRECTED);
        assertThat(event(SampleOutcomes.noChanges(Trigger.DRIFT, 1)).reason()).isEqualTo(Reason.DRIFT_DETECTED);
        assertThat(event(SampleOutcomes.failed(" its health gate: unhealthy")).reason()).isEqualTo(Reason.HEALTH_CHECK_FAILED);
        assertThat(event(SampleOutcomes.failed(" to start: port in use")).reason()).isEqualTo(Reason.RECONCILIATION_FAILED);
        assertThat(event(SampleOutcomes.rolledBack()).reason()).isEqualTo(Reason.ROLLED_BACK);
    }

    @Test
    void applyWithChangesAtTheCommitTheNodeRanCorrectedDriftWhateverWokeTheAgent() {
        assertThat(Events.of(SampleOutcomes.applied(Trigger.POLL), SampleOutcomes.SHA, "vm-1", NOW).orElseThrow().reason())
                .isEqualTo(Reason.DRIFT_CORRECTED);
        assertThat(Events.of(SampleOutcomes.applied(Trigger.STARTUP), null, "vm-1", NOW).orElseThrow().reason())
                .isEqualTo(Reason.RECONCILIATION_SUCCEEDED);
    }

    @Test
    void nothingIsToldForNoChangesNorAnEngineDownBeforeThePlan() {
        assertThat(Events.of(SampleOutcomes.noChanges(Trigger.POLL, 0), null, "vm-1", NOW)).isEmpty();
        assertThat(Events.of(SampleOutcomes.noChanges(Trigger.DRIFT, 0), null, "vm-1", NOW)).isEmpty();
        assertThat(Events.of(SampleOutcomes.engineDownBeforePlan(), null, "vm-1", NOW)).isEmpty();
    }

    @Test
    void webhookBodyIsShapedLikeAFluxEvent() throws Exception {
        Event failed = event(SampleOutcomes.failed(" its health gate: unhealthy"));
        JsonNode body = JSON.readTree(Payloads.flux(failed));
        assertThat(body.at("/involvedObject/kind").asText()).isEqualTo("Stack");
        assertThat(body.at("/involvedObject/name").asText()).isEqualTo("shop");
        assertThat(body.at("/involvedObject/namespace").asText()).isEqualTo("vm-1");
        assertThat(body.path("severity").asText()).isEqualTo("error");
        assertThat(body.path("reason").asText()).isEqualTo("HealthCheckFailed");
        assertThat(body.path("message").asText()).startsWith("failed to apply 0123456789ab (poll): shop: web failed");
        assertThat(body.at("/metadata/commit").asText()).isEqualTo(SampleOutcomes.SHA);
        assertThat(body.at("/metadata/node").asText()).isEqualTo("vm-1");
        assertThat(body.path("timestamp").asText()).isEqualTo("2026-11-29T23:00:00Z");

        JsonNode node = JSON.readTree(Payloads.flux(Events.unavailable("git remote", "connection refused", "vm-1", 4, NOW)));
        assertThat(node.at("/involvedObject/kind").asText()).isEqualTo("Node");
        assertThat(node.path("reason").asText()).isEqualTo("SourceUnavailable");
        assertThat(node.at("/metadata/commit").isMissingNode()).isTrue();
    }

    @Test
    void slackMessageHasColourAndTheFourFieldsAndEscapesMarkup() throws Exception {
        Event good = new Event(Reason.RECONCILIATION_SUCCEEDED, "vm-1", List.of("shop"), SampleOutcomes.SHA, "poll",
                "applied <!channel> & <http://evil|click>", NOW);
        JsonNode attachment = JSON.readTree(Payloads.slack(good)).at("/attachments/0");
        assertThat(attachment.path("color").asText()).isEqualTo("good");
        assertThat(attachment.path("fields").findValuesAsText("title")).containsExactly("node", "stack", "commit", "reason");
        assertThat(attachment.path("fields").findValuesAsText("value"))
                .containsExactly("vm-1", "shop", "0123456789ab", "ReconciliationSucceeded");
        assertThat(attachment.path("text").asText()).isEqualTo("applied &lt;!channel&gt; &amp; &lt;http://evil|click&gt;");

        JsonNode danger = JSON.readTree(Payloads.slack(event(SampleOutcomes.rolledBack()))).at("/attachments/0");
        assertThat(danger.path("color").asText()).isEqualTo("danger");
    }

    @Test
    void signatureIsTheHexHmacOfTheExactBody() throws Exception {
        Target target = new Target(Target.Kind.WEBHOOK, java.net.URI.create("http://127.0.0.1:1/hook"),
                "s3cret".getBytes(StandardCharsets.UTF_8));
        Target.Request request = target.request(event(SampleOutcomes.applied(Trigger.POLL)));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(request.headers()).containsEntry("X-Signature",
                "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body())));
        Target unsigned = new Target(Target.Kind.WEBHOOK, target.url(), null);
        assertThat(unsigned.request(event(SampleOutcomes.applied(Trigger.POLL))).headers()).doesNotContainKey("X-Signature");
    }

    @Test
    void targetNamesItsHostNotItsUrlWhichMayBeASecret() {
        Target slack = new Target(Target.Kind.SLACK, java.net.URI.create("https://hooks.slack.com/services/T0/B0/XXXXsecret"),
                null);
        assertThat(slack.describe()).isEqualTo("slack hooks.slack.com").doesNotContain("XXXX");
        assertThat(slack.toString()).doesNotContain("XXXX");
    }
}
