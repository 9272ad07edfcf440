package dev.barge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.barge.metrics.PromText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's own endpoints on a real agent process, engine and git daemon: /metrics after a good and a
 * failed apply (parsed strictly), /readyz, /status against its schema, the page in headless Chromium,
 * and the token rules. Stacks itobs*, ports 19600-19610. Waits are long: the engine is shared with other tests.
 */
class AgentEndpointsIT {
    private static final Duration MINUTE = Duration.ofSeconds(60);
    private static final Duration APPLY = Duration.ofMinutes(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final String TOKEN = "itobs-token-0123456789abcdef";

    @TempDir
    Path work;

    @Test
    void metricsAndReadinessFollowAGoodAndAFailedApply() throws Exception {
        try (AgentFixture f = new AgentFixture(work, "itobsa", 19600)) {
            f.web("v1", 1).push("v1");
            f.startDaemon();
            f.startAgent("2s", "");
            assertThat(Engine.await(APPLY, Duration.ofMillis(100), () -> "v1".equals(Engine.get(f.webPort))))
                    .as(f.agent.output()).isTrue();
            assertThat(f.awaitLog("applied ", APPLY)).as(f.agent.output()).isTrue();
            assertThat(get(f, "/readyz", null).statusCode()).isEqualTo(200);
            PromText good = metrics(f);
            assertThat(good.value("barge_reconcile_total", "trigger", "startup", "outcome", "applied")).isEqualTo(1);
            assertThat(good.value("barge_apply_changes_total", "action", "create")).isGreaterThanOrEqualTo(1);
            assertThat(good.value("barge_last_applied_timestamp_seconds")).isPositive();
            assertThat(good.value("barge_reconcile_duration_seconds_count")).isEqualTo(1);
            // the engine is observed on a thread of its own: the first scrapes may come before it answered
            assertThat(Engine.await(MINUTE, Duration.ofMillis(500), () -> metrics(f).all("barge_stack_info").size() == 1))
                    .isTrue();
            assertThat(metrics(f).all("barge_stack_info").keySet().iterator().next())
                    .containsEntry("stack", "itobsa").containsEntry("deployment", "itobsa")
                    .containsEntry("sync_status", "Synced").containsEntry("health_status", "Healthy");
            assertThat(good.type("jvm_memory_used_bytes")).isEqualTo("gauge");

            String bad = f.web("v2", -1).push("v2 never healthy");
            assertThat(f.awaitLog("rolled back to", APPLY)).as(f.agent.output()).isTrue();
            HttpResponse<String> notReady = get(f, "/readyz", null);
            assertThat(notReady.statusCode()).as(notReady.body()).isEqualTo(503);
            assertThat(notReady.body()).startsWith("the last reconcile failed: failed to apply " + bad.substring(0, 7));
            PromText failed = metrics(f);
            assertThat(failed.value("barge_reconcile_total", "trigger", "poll", "outcome", "failed")).isEqualTo(1);
            assertThat(failed.value("barge_reconcile_total", "trigger", "auto-rollback", "outcome", "rolled_back"))
                    .isEqualTo(1);
            assertThat(failed.value("barge_reconcile_total", "trigger", "startup", "outcome", "applied")).isEqualTo(1);
            assertThat(failed.value("barge_reconcile_duration_seconds_count")).isEqualTo(3);
            assertThat(failed.value("barge_apply_changes_total", "action", "replace")).isGreaterThanOrEqualTo(1);

            f.web("v3", 1).push("v3");
            assertThat(Engine.await(APPLY, Duration.ofMillis(200), () -> get(f, "/readyz", null).statusCode() == 200))
                    .as(f.agent.output()).isTrue();
            assertThat(metrics(f).value("barge_reconcile_total", "trigger", "poll", "outcome", "applied")).isEqualTo(1);
        }
    }

    @Test
    void thePageShowsTheDeployedNodeInChromiumWithRepoValuesEscaped() throws Exception {
        try (AgentFixture f = new AgentFixture(work, "itobsb", 19605)) {
            f.deployment("itobsb", """
                      - name: itobsb
                        health_timeout: 20s
                        compose:
                          services:
                            web:
                              image: busybox:1.36
                              command: ["sh", "-c", "mkdir -p /www; echo ok > /www/index.html; exec httpd -f -p 8080 -h /www"]
                              ports: ["127.0.0.1:19605:8080"]
                              init: true
                              healthcheck:
                                test: ["CMD", "test", "-f", "/www/index.html"]
                                interval: 1s
                                timeout: 1s
                                retries: 10
                            worker:
                              image: busybox:1.36
                              command: ["sleep", "3600"]
                              init: true
                    """);
            String commit = f.push("deploy <script>alert('owned')</script> web and worker");
            f.startDaemon();
            f.startAgent("10m", "");
            assertThat(f.awaitLog("applied ", APPLY)).as(f.agent.output()).isTrue();
            String base = "http://127.0.0.1:" + f.listenPort + "/";
            // the engine is observed on a thread of its own: wait until the page has seen the containers
            assertThat(Engine.await(MINUTE, Duration.ofMillis(500),
                    () -> get(f, "/", null).body().contains("<td class=\"health ok\">healthy</td>"))).isTrue();

            Path target = Path.of("target").toAbsolutePath();
            Files.createDirectories(target);
            Path screenshot = target.resolve("status-page.png");
            Files.deleteIfExists(screenshot);
            chromium(List.of("--screenshot=" + screenshot, "--window-size=412,1600", base));
            assertThat(screenshot).isRegularFile();
            assertThat(Files.size(screenshot)).isGreaterThan(5000);
            String dom = chromium(List.of("--dump-dom", base));

            assertThat(dom).contains("<span id=\"node\">vm-it</span>").contains("role=it")
                    .contains("<code id=\"applied-commit\">" + commit + "</code>")
                    .contains("<td class=\"container\">itobsb-web-1</td>")
                    .contains("<td class=\"container\">itobsb-worker-1</td>")
                    .contains("<td class=\"health ok\">healthy</td>")
                    .contains("<td class=\"health ok\">none</td>")
                    .contains("id=\"ready\"");
            // the commit message from the repo is text on the page, not an element
            assertThat(dom).contains("deploy &lt;script&gt;alert('owned')&lt;/script&gt; web and worker")
                    .doesNotContain("<script");

            HttpResponse<String> status = get(f, "/status", null);
            assertThat(status.statusCode()).isEqualTo(200);
            try (InputStream in = getClass().getResourceAsStream("/schema/status.schema.json")) {
                var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in, InputFormat.JSON);
                assertThat(schema.validate(status.body(), InputFormat.JSON)).as(status.body()).isEmpty();
            }
            assertThat(status.body()).contains("\"ready\" : true").contains("\"pinned\" : false")
                    .contains("\"head\" : \"" + commit + "\"");
        }
    }

    @Test
    void offLoopbackTheAgentNeedsATokenAndChecksIt() throws Exception {
        try (AgentFixture f = new AgentFixture(work, "itobsc", 19608)) {
            f.web("v1", 1).push("v1");
            f.startDaemon();
            writeConfig(f, "0.0.0.0:" + f.listenPort, "");
            BargeProcess.Result refused = BargeProcess.run(work, f.env(), MINUTE, "agent", "--config", "agent.yaml");
            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(65);
            assertThat(refused.output().strip()).endsWith("server.listen 0.0.0.0:" + f.listenPort + " is reachable from"
                    + " other hosts: set server.token_file to a file (chmod 600) holding a long random token, or listen"
                    + " on 127.0.0.1");

            Path token = work.resolve("api-token");
            Files.writeString(token, TOKEN + "\n");
            Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
            writeConfig(f, "0.0.0.0:" + f.listenPort, ", token_file: api-token");
            f.agent = BargeProcess.start(work, f.env(), List.of("agent", "--config", "agent.yaml"));
            assertThat(Engine.await(MINUTE, Duration.ofMillis(100), () -> get(f, "/healthz", null).statusCode() == 200))
                    .as(f.agent.output()).isTrue();
            for (String path : List.of("/", "/status", "/metrics", "/readyz")) {
                assertThat(get(f, path, null).statusCode()).as(path).isEqualTo(401);
                assertThat(get(f, path, "Bearer not-" + TOKEN).statusCode()).as(path).isEqualTo(401);
            }
            assertThat(f.awaitLog("applied ", APPLY)).as(f.agent.output()).isTrue();
            assertThat(get(f, "/metrics", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
            assertThat(get(f, "/", "Bearer " + TOKEN).body()).contains("<span id=\"node\">vm-it</span>");
            // webhooks stay signed rather than token-checked
            HttpResponse<String> hook = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.listenPort
                    + "/hooks/generic")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(hook.statusCode()).isEqualTo(401);
            assertThat(hook.body()).contains("signature");
            assertThat(f.agent.output()).doesNotContain(TOKEN);
        }
    }

    private static void writeConfig(AgentFixture f, String listen, String more) throws IOException {
        Files.writeString(f.work.resolve("agent.yaml"), """
                node: {name: vm-it, labels: {role: it}}
                source: {url: "git://127.0.0.1:%d/remote.git", poll_interval: 10m, allow_insecure_transport: true}
                state_dir: state
                server: {listen: "%s", webhook_secret_file: webhook-secret%s}
                apply: {settle_time: 1s}
                """.formatted(f.gitPort, listen, more));
    }

    private static PromText metrics(AgentFixture f) {
        HttpResponse<String> r = get(f, "/metrics", null);
        assertThat(r.statusCode()).isEqualTo(200);
        return PromText.parse(r.body());
    }

    private static HttpResponse<String> get(AgentFixture f, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.listenPort + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Refused();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Headless Chromium (Debian's package), its own profile; returns what it printed. */
    private String chromium(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + work.resolve("chromium-profile")));
        command.addAll(args);
        Path out = work.resolve("chromium.out");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(work.resolve("chromium.err").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s: " + Files.readString(work.resolve("chromium.err")));
        }
        assertThat(p.exitValue()).as(Files.readString(work.resolve("chromium.err"))).isZero();
        return Files.readString(out);
    }

    /** A connection refused (the agent not listening yet), as a response no check accepts. */
    private static final class Refused implements HttpResponse<String> {
        @Override
        public int statusCode() {
            return -1;
        }

        @Override
        public HttpRequest request() {
            return null;
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        @Override
        public String body() {
            return "";
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        @Override
        public URI uri() {
            return null;
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
