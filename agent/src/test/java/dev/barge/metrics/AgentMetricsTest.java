package dev.barge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.Failure;
import dev.barge.apply.ApplyReport;
import dev.barge.plan.Plan;
import dev.barge.reconcile.AgentEvents;
import dev.barge.reconcile.Outcome;
import dev.barge.record.HistoryEntry;
import dev.barge.record.HistoryOutcome;
import dev.barge.record.Trigger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry: every metric the issue names, with its labels, written by the client and read by a strict parser. */
class AgentMetricsTest {
    private static final Instant T = Instant.parse("2026-11-29T12:00:00Z");
    private static final String SHA = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";

    @Test
    void everyMetricIsExposedWithItsLabelsAndMoves() throws IOException {
        AgentMetrics metrics = new AgentMetrics(T);
        metrics.stacks(() -> List.of(new StackInfo("shop", "mars", "Synced", "Healthy", SHA, SHA)));
        PromText before = scrape(metrics);
        assertThat(before.value("barge_last_applied_timestamp_seconds")).isEqualTo(T.getEpochSecond());
        assertThat(before.value("barge_stack_info", "stack", "shop", "deployment", "mars", "sync_status", "Synced",
                "health_status", "Healthy", "applied_commit", SHA, "desired_commit", SHA)).isEqualTo(1);

        metrics.accept(applied(new Plan.Summary(2, 1, 0, 0, 3, 0), T.plusSeconds(60)));
        metrics.accept(new Outcome.Failed(Trigger.WEBHOOK, SHA, new Plan.Summary(0, 1, 0, 0, 0, 0), "shop: health gate failed",
                Failure.FAILED, null, null, null, Duration.ofSeconds(9)));
        metrics.sourceError(AgentEvents.fetchErrorKind(Failure.RETRY_LATER));
        metrics.drift("shop", AgentEvents.CORRECT);
        metrics.webhook("github", "queued");
        PromText after = scrape(metrics);

        assertThat(after.value("barge_reconcile_total", "trigger", "poll", "outcome", "applied")).isEqualTo(1);
        assertThat(after.value("barge_reconcile_total", "trigger", "webhook", "outcome", "failed")).isEqualTo(1);
        assertThat(after.value("barge_apply_changes_total", "action", "create")).isEqualTo(2);
        assertThat(after.value("barge_apply_changes_total", "action", "replace")).isEqualTo(1);
        assertThat(after.value("barge_last_applied_timestamp_seconds")).isEqualTo(T.getEpochSecond() + 60);
        assertThat(after.value("barge_source_fetch_errors_total", "kind", "unavailable")).isEqualTo(1);
        assertThat(after.value("barge_drift_events_total", "stack", "shop", "mode", "correct")).isEqualTo(1);
        assertThat(after.value("barge_webhook_requests_total", "provider", "github", "result", "queued")).isEqualTo(1);
        assertThat(after.type("barge_reconcile_duration_seconds")).isEqualTo("histogram");
        assertThat(after.value("barge_reconcile_duration_seconds_count")).isEqualTo(2);
        assertThat(after.value("barge_reconcile_duration_seconds_sum")).isEqualTo(11.5);
        assertThat(after.value("barge_reconcile_duration_seconds_bucket", "le", "5.0")).isEqualTo(1);
        // the JVM's own: memory, GC, threads
        assertThat(after.type("jvm_memory_used_bytes")).isEqualTo("gauge");
        assertThat(after.type("jvm_threads_current")).isEqualTo("gauge");
        assertThat(after.all("jvm_gc_collection_seconds_count")).isNotEmpty();
    }

    @Test
    void stackInfoFollowsTheStacksAtEachScrape() throws IOException {
        AgentMetrics metrics = new AgentMetrics(null);
        StackInfo[] now = {new StackInfo("shop", "mars", "OutOfSync", "Progressing", "", SHA)};
        metrics.stacks(() -> List.of(now));
        assertThat(scrape(metrics).all("barge_stack_info")).hasSize(1);
        now[0] = new StackInfo("shop", "mars", "Synced", "Healthy", SHA, SHA);
        var infos = scrape(metrics).all("barge_stack_info");
        assertThat(infos).hasSize(1);
        assertThat(infos.keySet().iterator().next()).containsEntry("sync_status", "Synced");
        assertThat(scrape(metrics).value("barge_last_applied_timestamp_seconds")).isZero();
    }

    @Test
    void theParserIsStrict() {
        assertThatThrownBy(() -> PromText.parse("a 1")).hasMessageContaining("newline");
        assertThatThrownBy(() -> PromText.parse("# TYPE a counter\na 1\n")).hasMessageContaining("_total");
        assertThatThrownBy(() -> PromText.parse("a{x=\"1} 1\n")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> PromText.parse("a 1\nb 1\na 2\n")).hasMessageContaining("contiguous");
        assertThatThrownBy(() -> PromText.parse("a{x=\"1\"} 1\na{x=\"1\"} 2\n")).hasMessageContaining("twice");
        assertThatThrownBy(() -> PromText.parse("a one\n")).hasMessageContaining("bad value");
        assertThatThrownBy(() -> PromText.parse("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\n"))
                .hasMessageContaining("cumulative");
    }

    private static Outcome applied(Plan.Summary summary, Instant at) {
        HistoryEntry entry = new HistoryEntry(SHA, at, Trigger.POLL, HistoryOutcome.APPLIED, "2 created", Map.of(), null);
        ApplyReport report = new ApplyReport(List.of(), List.of(), Map.of(), Map.of(), Duration.ofMillis(2500));
        return new Outcome.Applied(Trigger.POLL, SHA, summary, report, entry, null, Duration.ofMillis(2500));
    }

    static PromText scrape(AgentMetrics metrics) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.write(out);
        return PromText.parse(out.toString(StandardCharsets.UTF_8));
    }
}
