package dev.barge.metrics;

import dev.barge.plan.Plan;
import dev.barge.reconcile.AgentEvents;
import dev.barge.reconcile.Outcome;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The agent's Prometheus metrics, in a registry of its own (not the client's global one), fed by the
 * agent's outcomes and {@link AgentEvents}, and written in the Prometheus text format by the client
 * library. The Prometheus classes stay in this package.
 */
public final class AgentMetrics implements Consumer<Outcome>, AgentEvents {
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
    private static final double[] DURATION_BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter reconciles = Counter.builder().name("barge_reconcile_total")
            .help("Reconciles by what started them and how they ended").labelNames("trigger", "outcome")
            .register(registry);
    private final Histogram duration = Histogram.builder().name("barge_reconcile_duration_seconds")
            .help("How long a reconcile took, from fetch to the last health gate").classicOnly()
            .classicUpperBounds(DURATION_BUCKETS).register(registry);
    private final Counter changes = Counter.builder().name("barge_apply_changes_total")
            .help("Container changes applied, by action (create, replace, delete, start)").labelNames("action")
            .register(registry);
    private final Gauge lastApplied = Gauge.builder().name("barge_last_applied_timestamp_seconds")
            .help("When a commit was last applied or rolled back to (Unix time; 0 never)").register(registry);
    private final Counter fetchErrors = Counter.builder().name("barge_source_fetch_errors_total")
            .help("Failed fetches of the branch, by kind (unavailable, untrusted, invalid, failed)").labelNames("kind")
            .register(registry);
    private final Counter drift = Counter.builder().name("barge_drift_events_total")
            .help("Engine events on barge's containers that barge did not cause, by stack and mode (correct, report)")
            .labelNames("stack", "mode").register(registry);
    private final Counter webhooks = Counter.builder().name("barge_webhook_requests_total")
            .help("Webhook requests by provider and result (queued, ignored, ping, unauthorized, too_large, off, ...)")
            .labelNames("provider", "result").register(registry);
    private volatile Supplier<List<StackInfo>> stacks = List::of;

    public AgentMetrics(Instant appliedAt) {
        if (appliedAt != null) {
            lastApplied.set(appliedAt.toEpochMilli() / 1000.0);
        }
        GaugeWithCallback.builder().name("barge_stack_info")
                .help("One series per stack, value 1: its deployment, sync and health status, applied and desired commit")
                .labelNames("stack", "deployment", "sync_status", "health_status", "applied_commit", "desired_commit")
                .callback(cb -> stacks.get().forEach(s -> cb.call(1, s.stack(), s.deployment(), s.syncStatus(),
                        s.healthStatus(), s.appliedCommit(), s.desiredCommit())))
                .register(registry);
        JvmMetrics.builder().register(registry);
    }

    /** Where {@code barge_stack_info} reads the stacks from at each scrape. */
    public void stacks(Supplier<List<StackInfo>> source) {
        this.stacks = source;
    }

    @Override
    public void accept(Outcome outcome) {
        reconciles.labelValues(outcome.trigger().wire(), outcomeLabel(outcome)).inc();
        duration.observe(outcome.duration().toNanos() / 1e9);
        if (outcome instanceof Outcome.Applied || outcome instanceof Outcome.RolledBack) {
            count(outcome.summary());
            outcome.recorded().ifPresent(e -> lastApplied.set(e.time().toEpochMilli() / 1000.0));
        } else if (outcome instanceof Outcome.Failed f && f.partial()) {
            count(outcome.summary());
        }
    }

    private void count(Plan.Summary s) {
        if (s == null) {
            return;
        }
        changes.labelValues("create").inc(s.create());
        changes.labelValues("replace").inc(s.replace());
        changes.labelValues("delete").inc(s.delete());
        changes.labelValues("start").inc(s.start());
    }

    /** applied, no_changes, failed, partial, cancelled, rolled_back, refused. */
    static String outcomeLabel(Outcome outcome) {
        if (outcome instanceof Outcome.Failed f) {
            return f.partial() ? "partial" : "failed";
        }
        if (outcome instanceof Outcome.Applied) {
            return "applied";
        }
        if (outcome instanceof Outcome.NoChanges) {
            return "no_changes";
        }
        if (outcome instanceof Outcome.RolledBack) {
            return "rolled_back";
        }
        return outcome instanceof Outcome.Refused ? "refused" : "cancelled";
    }

    @Override
    public void sourceError(String kind) {
        fetchErrors.labelValues(kind).inc();
    }

    @Override
    public void drift(String stack, String mode) {
        drift.labelValues(stack, mode).inc();
    }

    public void webhook(String provider, String result) {
        webhooks.labelValues(provider, result).inc();
    }

    /** Every metric, in the Prometheus text format (version 0.0.4). */
    public void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
