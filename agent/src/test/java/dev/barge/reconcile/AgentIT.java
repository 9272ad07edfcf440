package dev.barge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.record.HistoryEntry;
import dev.barge.record.HistoryOutcome;
import dev.barge.record.StateStore;
import dev.barge.record.Trigger;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code barge agent} as a process on the real engine, following a real git daemon: pushes deploy, a
 * signed webhook deploys at once, a failing commit is rolled back and not retried, drift is
 * corrected, an unreachable remote leaves the containers alone, SIGTERM exits cleanly. Stacks
 * itagent*, ports 19400-19429.
 */
class AgentIT {
    private static final Duration MINUTE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path work;

    @Test
    void pushIsServedWithinAPollIdlePollsAreCheapAndSigtermExitsZero() throws Exception {
        try (AgentFixture f = new AgentFixture(work, "itagenta", 19400)) {
            servingV1(f, "2s");

            f.web("v2", 1).push("v2");
            long pushed = System.nanoTime();
            assertThat(Engine.await(MINUTE, Duration.ofMillis(20), () -> "v2".equals(Engine.get(f.webPort))))
                    .as(f.agent.output()).isTrue();
            long latency = (System.nanoTime() - pushed) / 1_000_000;
            System.out.println("AgentIT push-to-serving latency with a 2s poll (incl. a 1s health gate): " + latency + " ms");

            // idle polls: nothing planned, the figure the agent measured on its own thread
            assertThat(Engine.await(MINUTE, Duration.ofMillis(200), () -> f.agentFile().contains("\"last_result\" : \"no change")))
                    .isTrue();
            Engine.sleep(Duration.ofSeconds(7));
            System.out.println("AgentIT idle poll CPU: " + f.agentFile().lines().filter(l -> l.contains("cpu")).toList());
            BargeProcess.Result status = BargeProcess.run(work, f.env(), MINUTE, "status", "--config", "agent.yaml");
            assertThat(status.output()).contains("agent:        running, pid " + f.agent.pid()).contains("no change at");

            f.terminate();
            BargeProcess.Result end = f.agent.await(Duration.ofSeconds(30));
            assertThat(end.exitCode()).as(end.output()).isZero();
            assertThat(end.output()).contains("stopped");
            assertThat(f.state().resolve("agent.json")).doesNotExist();
            assertThat(new StateStore(f.state()).read().appliedCommit()).isNotNull();
            assertThat(Engine.get(f.webPort)).isEqualTo("v2");
        }
    }

    @Test
    void signedWebhookStartsTheReconcileWithinASecondAndBadOnesChangeNothing() throws Exception {
        try (AgentFixture f = new AgentFixture(work, "itagentb", 19403)) {
            servingV1(f, "10m");
            assertThat(f.awaitLog("applied ", MINUTE)).isTrue();
            f.web("v2", 1).push("v2");
            String body = "{\"ref\":\"refs/heads/main\",\"after\":\"0000000000000000000000000000000000000000\"}";
            String signature = "sha256=" + hmac(body);

            assertThat(hook(body, null).statusCode()).isEqualTo(401);
            assertThat(hook(body, "sha256=" + hmac("forged")).statusCode()).isEqualTo(401);
            assertThat(hook(body.replace("main", "prod"), signature).statusCode()).as("altered body").isEqualTo(401);
            assertThat(oversized(f.listenPort)).isEqualTo("HTTP/1.1 413");
            Engine.sleep(Duration.ofSeconds(2));
            assertThat(f.agent.output()).doesNotContain("webhook: reconciling");
            assertThat(Engine.get(f.webPort)).isEqualTo("v1");

            long sent = System.nanoTime();
            assertThat(hook(body, signature).statusCode()).isEqualTo(202);
            assertThat(f.awaitLog("webhook: reconciling", Duration.ofSeconds(1))).as(f.agent.output()).isTrue();
            long started = (System.nanoTime() - sent) / 1_000_000;
            assertThat(Engine.await(MINUTE, Duration.ofMillis(20), () -> "v2".equals(Engine.get(f.webPort)))).isTrue();
            long served = (System.nanoTime() - sent) / 1_000_000;
            System.out.println("AgentIT webhook-to-reconcile " + started + " ms, webhook-to-serving " + served
                    + " ms (incl. a 1s health gate)");
            assertThat(Engine.await(Duration.ofSeconds(10), Duration.ofMillis(50), () -> new StateStore(f.state()).history()
                    .stream().anyMatch(e -> e.trigger() == Trigger.WEBHOOK))).isTrue();
        }
    }

    @Test
    void failingCommitIsRolledBackNotRetriedAndTheNextGoodOneRollsForward() throws Exception {
        try (AgentFixture f = new AgentFixture(work, "itagentc", 19406)) {
            servingV1(f, "1s");
            AtomicBoolean probing = new AtomicBoolean(true);
            AtomicInteger probes = new AtomicInteger();
            AtomicInteger v2 = new AtomicInteger();
            AtomicInteger none = new AtomicInteger();
            AtomicBoolean v1AtEnd = new AtomicBoolean();
            Thread prober = new Thread(() -> {
                while (probing.get()) {
                    probes.incrementAndGet();
                    String got = Engine.get(f.webPort);
                    v1AtEnd.set("v1".equals(got));
                    if ("v2".equals(got)) {
                        v2.incrementAndGet();
                    } else if (got == null) {
                        none.incrementAndGet();
                    } else {
                        assertThat(got).isEqualTo("v1");
                    }
                    Engine.sleep(Duration.ofMillis(100));
                }
            });
            prober.start();
            String bad = f.web("v2", -1).push("v2 never healthy");
            assertThat(f.awaitLog("rolled back to ", MINUTE)).as(f.agent.output()).isTrue();
            int entries = new StateStore(f.state()).history().size();
            Engine.sleep(Duration.ofSeconds(10)); // ten polls
            probing.set(false);
            prober.join();
            List<HistoryEntry> history = new StateStore(f.state()).history();
            assertThat(history).hasSize(entries);
            assertThat(history.subList(history.size() - 2, history.size()))
                    .extracting(HistoryEntry::outcome, HistoryEntry::trigger)
                    .containsExactly(org.assertj.core.api.Assertions.tuple(HistoryOutcome.FAILED, Trigger.POLL),
                            org.assertj.core.api.Assertions.tuple(HistoryOutcome.ROLLED_BACK, Trigger.AUTO_ROLLBACK));
            assertThat(history.get(history.size() - 1).error()).contains(bad.substring(0, 12)).contains("health");
            // the safe replace stops the old container while the candidate runs its gate on the same port
            System.out.println("AgentIT failing commit: of " + probes.get() + " probes every 100ms, " + v2.get()
                    + " reached the candidate during its gate, " + none.get() + " got no answer, the rest v1");
            assertThat(v1AtEnd.get()).isTrue();
            assertThat(Engine.get(f.webPort)).isEqualTo("v1");
            assertThat(f.agent.output()).containsOnlyOnce("not retrying " + bad.substring(0, 12));

            f.web("v3", 1).push("v3");
            assertThat(Engine.await(MINUTE, Duration.ofMillis(100), () -> "v3".equals(Engine.get(f.webPort))))
                    .as(f.agent.output()).isTrue();
        }
    }

    @Test
    void removedContainerIsRestoredUnderCorrectAndLeftAloneUnderDetect() throws Exception {
        try (AgentFixture f = new AgentFixture(work, "itagentd", 19409)) {
            f.web("v1", 1).deployment("itagentdx", """
                      - name: itagentdx
                        drift: detect
                        compose:
                          services:
                            idle:
                              image: busybox:1.36
                              command: ["sleep", "3600"]
                              init: true
                    """).push("v1");
            f.startDaemon();
            f.startAgent("30s", "");
            assertThat(Engine.await(MINUTE, Duration.ofMillis(100), () -> "v1".equals(Engine.get(f.webPort))
                    && Engine.names("itagentdx").contains("itagentdx-idle-1"))).as(f.agent.output()).isTrue();
            assertThat(f.awaitLog("applied ", MINUTE)).isTrue();

            Engine.docker(java.util.Map.of(), "rm", "-f", "itagentd-web-1");
            long removed = System.nanoTime();
            assertThat(Engine.await(MINUTE, Duration.ofMillis(50), () -> "v1".equals(Engine.get(f.webPort))))
                    .as(f.agent.output()).isTrue();
            System.out.println("AgentIT drift: removed container serving again after "
                    + (System.nanoTime() - removed) / 1_000_000 + " ms");
            assertThat(f.agent.output()).contains("drift: itagentd-web-1");

            Engine.docker(java.util.Map.of(), "rm", "-f", "itagentdx-idle-1");
            assertThat(f.awaitLog("drift: itagentdx-idle-1", Duration.ofSeconds(10))).isTrue();
            Engine.sleep(Duration.ofSeconds(5));
            assertThat(Engine.names("itagentdx")).isEmpty();
        } finally {
            Engine.cleanUp("itagentdx");
        }
    }

    @Test
    void crashLoopingContainerIsCorrectedAtMostFiveTimesThenReported() throws Exception {
        try (AgentFixture f = new AgentFixture(work, "itagente", 19424)) {
            f.deployment("itagente", """
                      - name: itagente
                        compose:
                          services:
                            crash:
                              image: busybox:1.36
                              command: ["sh", "-c", "sleep 2; exit 1"]
                              init: true
                    """).push("v1");
            f.startDaemon();
            f.startAgent("30s", "");
            assertThat(f.awaitLog("keeps failing", Duration.ofSeconds(120))).as(f.agent.output()).isTrue();
            Engine.sleep(Duration.ofSeconds(8));
            String out = f.agent.output();
            assertThat(out.lines().filter(l -> l.contains("drift: itagente-crash-1 die"))).hasSize(5);
            assertThat(out).containsOnlyOnce("itagente/crash keeps failing (5 corrections in 5 minutes)");
        }
    }

    @Test
    void gitServerDownLeavesContainersServingAndWhatWasPushedMeanwhileIsAppliedAfter() throws Exception {
        try (AgentFixture f = new AgentFixture(work, "itagentf", 19412)) {
            servingV1(f, "1s");
            f.stopDaemon();
            f.web("v2", 1).push("v2 while the server is down");
            for (int i = 0; i < 30; i++) {
                assertThat(Engine.get(f.webPort)).isEqualTo("v1");
                Engine.sleep(Duration.ofMillis(200));
            }
            assertThat(f.agent.output()).containsOnlyOnce("git remote unavailable");
            f.startDaemon();
            long back = System.nanoTime();
            assertThat(Engine.await(MINUTE, Duration.ofMillis(50), () -> "v2".equals(Engine.get(f.webPort))))
                    .as(f.agent.output()).isTrue();
            System.out.println("AgentIT git server back: v2 served after " + (System.nanoTime() - back) / 1_000_000 + " ms");
            assertThat(f.agent.output()).containsOnlyOnce("git remote available again");
        }
    }

    @Test
    void sigtermDuringAnApplyExitsZeroAndLeavesNoParkedContainer() throws Exception {
        try (AgentFixture f = new AgentFixture(work, "itagentg", 19415)) {
            servingV1(f, "1s");
            f.web("v2", 3).push("v2, healthy after 3s");
            assertThat(Engine.await(MINUTE, Duration.ofMillis(20),
                    () -> Engine.names(f.stack).contains("itagentg-web-1-barge-old"))).as(f.agent.output()).isTrue();
            long sent = System.nanoTime();
            f.terminate();
            BargeProcess.Result end = f.agent.await(Duration.ofSeconds(30));
            System.out.println("AgentIT SIGTERM during a replace: exited " + end.exitCode() + " after "
                    + (System.nanoTime() - sent) / 1_000_000 + " ms");
            assertThat(end.exitCode()).as(end.output()).isZero();
            assertThat(Engine.names(f.stack)).containsExactly("itagentg-web-1");
            StateStore store = new StateStore(f.state());
            assertThat(store.read()).isNotNull();
            assertThat(store.history()).isNotEmpty();
            assertThat(Files.readAllLines(f.state().resolve("history.jsonl"))).allMatch(l -> l.startsWith("{"));
        }
    }

    @Test
    void cliApplyWhileTheAgentAppliesWaitsForIt() throws Exception {
        try (AgentFixture f = new AgentFixture(work, "itagenth", 19418)) {
            servingV1(f, "1s");
            f.web("v2", 4).push("v2, healthy after 4s");
            assertThat(f.awaitLog("poll: reconciling", MINUTE)).isTrue();
            BargeProcess.Result cli = BargeProcess.run(work, f.env(), MINUTE, "apply", "--config", "agent.yaml",
                    "--auto-approve");
            assertThat(cli.exitCode()).as(cli.output()).isZero();
            assertThat(cli.output()).contains("held by barge poll");
            assertThat(Engine.get(f.webPort)).isEqualTo("v2");
        }
    }

    @Test
    void hundredIdlePollsCostLittleAndRssStaysSmall() throws Exception {
        try (AgentFixture f = new AgentFixture(work, "itagenti", 19421)) {
            f.web("v1", 1).push("v1");
            f.startDaemon();
            // the launcher's JVM flags (the barge script), so the figure is what a VM sees
            f.config("200ms", "");
            f.agent = BargeProcess.startWith(work, f.env(), List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx256m",
                    "-XX:MaxMetaspaceSize=128m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
                    "-Xshare:auto"), List.of("agent", "--config", "agent.yaml"));
            assertThat(f.awaitLog("applied ", MINUTE)).as(f.agent.output()).isTrue();
            long start = wakeups(f);
            assertThat(Engine.await(Duration.ofSeconds(90), Duration.ofMillis(200), () -> wakeups(f) >= start + 100))
                    .as(f.agentFile()).isTrue();
            String rss = Files.readAllLines(Path.of("/proc/" + f.agent.pid() + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS")).findFirst().orElse("?");
            System.out.println("AgentIT after 100 idle polls: " + rss.replaceAll("\\s+", " ") + "; last idle poll "
                    + f.agentFile().lines().filter(l -> l.contains("cpu")).findFirst().orElse("?").strip());
            assertThat(f.agent.output()).containsOnlyOnce("applied ");
        }
    }

    /** Pushes v1, starts the git daemon and the agent with this poll interval, and waits until v1 serves. */
    private static void servingV1(AgentFixture f, String poll) {
        f.web("v1", 1).push("v1");
        f.startDaemon();
        f.startAgent(poll, "");
        assertThat(Engine.await(MINUTE, Duration.ofMillis(100), () -> "v1".equals(Engine.get(f.webPort))))
                .as(f.agent.output()).isTrue();
    }

    private static long wakeups(AgentFixture f) {
        return f.agentFile().lines().filter(l -> l.contains("\"wakeups\"")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
    }

    /** A push announced as 1 MiB + 1 byte: answered before the body is sent (raw socket, so the client cannot race it). */
    private static String oversized(int port) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /hooks/github HTTP/1.1\r\nHost: x\r\nX-GitHub-Event: push\r\n"
                    + "Content-Length: " + (1024 * 1024 + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        }
    }

    private HttpResponse<String> hook(String body, String signature) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:19405/hooks/github"))
                .timeout(Duration.ofSeconds(10)).header("X-GitHub-Event", "push")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            b.header("X-Hub-Signature-256", signature);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(AgentFixture.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
