package dev.barge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.apply.ApplyReport;
import dev.barge.metrics.AgentMetrics;
import dev.barge.reconcile.Outcome;
import dev.barge.record.HistoryEntry;
import dev.barge.record.HistoryOutcome;
import dev.barge.record.Trigger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import dev.barge.reconcile.FakeClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-only endpoints on a real listener: token rules, methods, readiness. */
class EndpointsTest {
    private static final String TOKEN = "s3cr3t-token-for-tests";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void nonLoopbackListenWithoutATokenIsRefusedAtStart() {
        assertThatThrownBy(() -> AgentServer.start("0.0.0.0:0", null, null, "main", c -> { }, l -> { }, endpoints(clock())))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT))
                .hasMessage("server.listen 0.0.0.0:0 is reachable from other hosts: set server.token_file to a file"
                        + " (chmod 600) holding a long random token, or listen on 127.0.0.1");
    }

    @Test
    void withATokenEveryEndpointButHealthzAndTheWebhooksAsksForIt() throws Exception {
        try (AgentServer server = AgentServer.start("127.0.0.1:0", ApiToken.of(TOKEN), null, "main", c -> { }, l -> { },
                endpoints(clock()))) {
            for (String path : List.of("/", "/status", "/metrics", "/readyz")) {
                assertThat(get(server, path, null).statusCode()).as(path).isEqualTo(401);
                assertThat(get(server, path, "Bearer wrong").statusCode()).as(path).isEqualTo(401);
                assertThat(get(server, path, "Bearer " + TOKEN.substring(1)).statusCode()).as(path).isEqualTo(401);
                assertThat(get(server, path, "Basic " + TOKEN).statusCode()).as(path).isEqualTo(401);
            }
            HttpResponse<String> denied = get(server, "/metrics", null);
            assertThat(denied.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"barge\"");
            assertThat(denied.body()).doesNotContain(TOKEN);
            assertThat(get(server, "/metrics", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
            assertThat(get(server, "/readyz", "bearer " + TOKEN).statusCode()).isEqualTo(200);
            // before the agent is attached the views say so
            assertThat(get(server, "/status", "Bearer " + TOKEN).statusCode()).isEqualTo(503);
            assertThat(get(server, "/healthz", null).statusCode()).isEqualTo(200);
            // webhooks are signed, not token-checked: off here (no secret), and they say so rather than 401
            HttpResponse<String> hook = HTTP.send(HttpRequest.newBuilder(uri(server, "/hooks/github"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(hook.statusCode()).isEqualTo(404);
            assertThat(hook.body()).contains("webhooks are off");
        }
    }

    @Test
    void onLoopbackWithoutATokenTheEndpointsAreOpenAndGetOnly() throws Exception {
        try (AgentServer server = AgentServer.start("127.0.0.1:0", null, null, "main", c -> { }, l -> { }, endpoints(clock()))) {
            HttpResponse<String> metrics = get(server, "/metrics", null);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).contains(AgentMetrics.CONTENT_TYPE);
            assertThat(metrics.body()).contains("# TYPE barge_reconcile_duration_seconds histogram");
            HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(uri(server, "/metrics"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(get(server, "/nothing-here", null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void readyzIs503AfterAFailedReconcileUntilAGoodOne() {
        FakeClock clock = clock();
        Readiness readiness = new Readiness(clock, Duration.ofSeconds(30));
        assertThat(readiness.state(() -> "starting").ready()).as("first poll interval").isTrue();
        clock.advance(Duration.ofSeconds(31));
        Readiness.State none = readiness.state(() -> "git remote unavailable");
        assertThat(none.ready()).isFalse();
        assertThat(none.reason()).isEqualTo("no reconcile has succeeded yet: git remote unavailable");

        readiness.accept(new Outcome.Failed(Trigger.POLL, "9d8c7b6a5f", null, "shop: health gate failed", Failure.FAILED,
                null, null, null, Duration.ofSeconds(3)));
        assertThat(readiness.state(() -> "").reason()).isEqualTo("the last reconcile failed: failed to apply 9d8c7b6a5f (poll):"
                + " shop: health gate failed");
        readiness.accept(new Outcome.RolledBack(Trigger.AUTO_ROLLBACK, "1a2b3c4d5e", null, report(), entry(), false, null,
                Duration.ofSeconds(1)));
        assertThat(readiness.state(() -> "").ready()).as("a rollback does not clear the failure").isFalse();
        readiness.accept(new Outcome.NoChanges(Trigger.POLL, "1a2b3c4d5e", null, entry(), null, Duration.ZERO));
        assertThat(readiness.state(() -> "").ready()).isTrue();
        assertThat(readiness.lastFailure()).isNull();
    }

    @Test
    void aTokenFileOthersCanReadIsRefused() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, TOKEN + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> ApiToken.read(file, c -> Optional.empty()))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.failure()).isEqualTo(Failure.REFUSED))
                .hasMessage("the API token file " + file + " is readable by other users: chmod 600 " + file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(ApiToken.read(file, c -> Optional.empty()).admits("Bearer " + TOKEN)).isTrue();
        assertThat(ApiToken.read(file, c -> Optional.of(Map.of("token", "other"))).admits("Bearer other")).isTrue();
        assertThat(ApiToken.of(TOKEN).toString()).isEqualTo("(sensitive)");
    }

    private static Endpoints endpoints(Clock clock) {
        return new Endpoints(new AgentMetrics(null), new Readiness(clock, Duration.ofMinutes(1)));
    }

    private static HistoryEntry entry() {
        return new HistoryEntry("1a2b3c4d5e", Instant.EPOCH, Trigger.POLL, HistoryOutcome.APPLIED, "", Map.of(), null);
    }

    private static ApplyReport report() {
        return new ApplyReport(List.of(), List.of(), Map.of(), Map.of(), Duration.ZERO);
    }

    private static HttpResponse<String> get(AgentServer server, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(server, path)).timeout(Duration.ofSeconds(5)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(AgentServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static FakeClock clock() {
        return new FakeClock(Instant.parse("2026-11-29T10:00:00Z"));
    }
}
