package dev.barge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.barge.decrypt.CryptRule;
import dev.barge.decrypt.EncryptionSettings;
import dev.barge.decrypt.KeyGen;
import dev.barge.decrypt.SopsEncryptor;
import dev.barge.decrypt.SopsFormat;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code notify:} of a real agent on the real engine, received by a local HTTP server: a good commit,
 * a failing one (failed, then rolled back), drift corrected and detected; signatures verify; no event
 * carries a value from the repo's sops file; a receiver that hangs or answers 500 does not slow the
 * agent down. Stacks itntf*, ports 19620-19639.
 */
class NotifyIT {
    /** Generous: the engine on the shared test machine can take a minute for a first deploy. */
    private static final Duration MINUTE = Duration.ofMinutes(3);
    private static final String NOTIFY_SECRET = "itntf-notify-key";
    private static final String MARKER = "ntfmark" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    /** One request the receiver took. */
    record Received(String path, String signature, String body) {
        String reason() {
            try {
                JsonNode json = JSON.readTree(body);
                return path.equals("/slack") ? json.at("/attachments/0/fields/3/value").asText() : json.path("reason").asText();
            } catch (IOException e) {
                return "(not JSON)";
            }
        }
    }

    @Test
    void goodFailingAndDriftingCommitsAreToldSignedAndWithoutSecretValues() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 19630), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("X-Signature"), new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (AgentFixture f = new AgentFixture(work, "itntfa", 19620)) {
            Path identity = sopsRepo(f);
            f.write("deployments/itntfa.yaml", deployment(f, "1"));
            f.push("v1");
            f.startDaemon();
            f.startAgent("1s", """
                    secrets: {age_identities: [%s]}
                    notify:
                      - {type: webhook, url: "http://127.0.0.1:19630/hook", secret_file: notify-secret}
                      - {type: slack, url: "http://127.0.0.1:19630/slack"}
                    """.formatted(identity));
            assertThat(awaitReason(received, "/hook", "ReconciliationSucceeded")).as(f.agent.output()).isTrue();
            assertThat(awaitReason(received, "/slack", "ReconciliationSucceeded")).isTrue();

            // a commit whose health check never passes (and prints the secret as it fails)
            f.write("deployments/itntfa.yaml", deployment(f, "0"));
            String bad = f.push("v2 never healthy");
            assertThat(awaitReason(received, "/hook", "HealthCheckFailed")).as(f.agent.output()).isTrue();
            assertThat(awaitReason(received, "/hook", "RolledBack")).as(f.agent.output()).isTrue();
            JsonNode failed = JSON.readTree(find(received, "/hook", "HealthCheckFailed").body());
            assertThat(failed.path("severity").asText()).isEqualTo("error");
            assertThat(failed.at("/metadata/commit").asText()).isEqualTo(bad);
            assertThat(failed.at("/metadata/node").asText()).isEqualTo("vm-it");
            assertThat(failed.at("/involvedObject/name").asText()).isEqualTo("itntfa");
            assertThat(JSON.readTree(find(received, "/slack", "RolledBack").body()).at("/attachments/0/color").asText())
                    .isEqualTo("danger");

            Engine.docker(java.util.Map.of(), "rm", "-f", "itntfa-web-1");
            assertThat(awaitReason(received, "/hook", "DriftCorrected")).as(f.agent.output()).isTrue();
            Engine.docker(java.util.Map.of(), "rm", "-f", "itntfax-idle-1");
            assertThat(awaitReason(received, "/hook", "DriftDetected")).as(f.agent.output()).isTrue();

            for (Received r : received) {
                assertThat(r.body()).as(r.path() + " " + r.reason()).doesNotContainIgnoringCase(MARKER);
                if (r.path().equals("/hook")) {
                    assertThat(r.signature()).as(r.body()).isEqualTo("sha256=" + hmac(r.body()));
                } else {
                    assertThat(r.signature()).isNull();
                }
            }
            assertThat(f.agent.output()).doesNotContainIgnoringCase(MARKER);
            System.out.println("NotifyIT received " + received.stream().map(r -> r.path() + ":" + r.reason()).toList());
        } finally {
            receiver.stop(0);
            Engine.cleanUp("itntfax");
        }
    }

    @Test
    void receiverThatHangsOrAnswers500DoesNotSlowTheAgentDown() throws Exception {
        List<Long> without;
        try (AgentFixture f = new AgentFixture(work.resolve("plain"), "itntfb", 19623)) {
            without = pushFour(f, "");
        }
        HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 19631), 0);
        failing.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        failing.start();
        List<Socket> held = new CopyOnWriteArrayList<>();
        ServerSocket hanging = new ServerSocket(19632, 50, java.net.InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!hanging.isClosed()) {
                try {
                    held.add(hanging.accept()); // never read, never answered
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.start();
        List<Long> with;
        try (AgentFixture f = new AgentFixture(work.resolve("notified"), "itntfc", 19626)) {
            with = pushFour(f, """
                    notify:
                      - {type: webhook, url: "http://127.0.0.1:19632/hangs"}
                      - {type: slack, url: "http://127.0.0.1:19631/fails"}
                    """, "--log-format", "json");
            assertThat(f.agent.output()).doesNotContain("internal error");
        } finally {
            failing.stop(0);
            hanging.close();
            for (Socket s : held) {
                s.close();
            }
        }
        System.out.println("NotifyIT push-to-reconcile, push-to-serving (medians of four) and apply time (all four) in ms:"
                + " without notify " + without + ", with a hanging and a failing receiver (and --log-format json) " + with);
        // a delivery on the agent's thread would hold the next poll 5 s (timeout) per attempt, 5 attempts per event
        assertThat(with.get(0)).isLessThan(without.get(0) + 4000);
        assertThat(with.get(2)).as("four applies in JSON summary lines").isGreaterThan(0);
        assertThat(held).as("the hanging receiver was called").isNotEmpty();
    }

    /**
     * v1, then v2 to v5 each as soon as the one before serves: the median time from a push to the agent
     * starting its reconcile, the median from a push to serving, and the four applies' own durations
     * together (from their summary lines, text or JSON).
     */
    private static List<Long> pushFour(AgentFixture f, String more, String... flags) {
        f.web("v1", 1).push("v1");
        f.startDaemon();
        f.config("1s", more);
        List<String> args = new ArrayList<>(List.of("agent", "--config", "agent.yaml"));
        args.addAll(List.of(flags));
        f.agent = BargeProcess.start(f.work, f.env(), args);
        assertThat(Engine.await(MINUTE, Duration.ofMillis(50), () -> "v1".equals(Engine.get(f.webPort))))
                .as(f.agent.output()).isTrue();
        List<Long> reconcile = new ArrayList<>();
        List<Long> serving = new ArrayList<>();
        for (String v : List.of("v2", "v3", "v4", "v5")) {
            String sha = f.web(v, 1).push(v);
            long pushed = System.nanoTime();
            assertThat(f.awaitLog("reconciling " + sha.substring(0, 12), MINUTE)).as(f.agent.output()).isTrue();
            reconcile.add((System.nanoTime() - pushed) / 1_000_000);
            assertThat(Engine.await(MINUTE, Duration.ofMillis(20), () -> v.equals(Engine.get(f.webPort))))
                    .as(f.agent.output()).isTrue();
            serving.add((System.nanoTime() - pushed) / 1_000_000);
        }
        long applies = 0;
        for (String line : f.agent.output().lines().toList()) {
            if (line.startsWith("{")) {
                JsonNode json = read(line);
                if ("reconcile".equals(json.path("event").asText()) && "poll".equals(json.path("trigger").asText())) {
                    // a loaded engine may fail a health gate and be retried: count the applies that succeeded
                    assertThat(json.path("outcome").asText()).isNotEmpty();
                    assertThat(json.path("commit").asText()).hasSize(40);
                    applies += "applied".equals(json.path("outcome").asText()) ? json.path("duration_ms").asLong() : 0;
                }
            } else if (line.matches(".* applied [0-9a-f]{12} \\(poll\\): .* in [0-9.]+s")) {
                applies += Math.round(1000 * Double.parseDouble(line.replaceAll(".* in ([0-9.]+)s$", "$1")));
            }
        }
        return List.of(median(reconcile), median(serving), applies);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not one JSON object: " + line, e);
        }
    }

    /** The sops-encrypted env file with the marker, the node's age key and the notify secret; returns the key file. */
    private Path sopsRepo(AgentFixture f) throws IOException {
        KeyGen.GeneratedKey key = KeyGen.generate(Clock.systemUTC());
        Path identity = Files.writeString(work.resolve("node.key"), key.fileText());
        Files.setPosixFilePermissions(identity, PosixFilePermissions.fromString("rw-------"));
        Path secret = Files.writeString(work.resolve("notify-secret"), NOTIFY_SECRET + "\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Files.createDirectories(f.repo.resolve("secrets"));
        Files.write(f.repo.resolve("secrets/web.sops.env"), SopsEncryptor.encrypt("secrets/web.sops.env",
                ("TOKEN=" + MARKER + "\n").getBytes(StandardCharsets.UTF_8), SopsFormat.DOTENV,
                new EncryptionSettings(List.of(key.recipient()), CryptRule.DEFAULT, false)));
        return identity;
    }

    /** The web stack (healthy after {@code ready} s, or printing the secret and failing its check for "0") and a detect stack. */
    private static String deployment(AgentFixture f, String ready) {
        String check = ready.equals("0") ? "[\"CMD\", \"sh\", \"-c\", \"echo token $$TOKEN; exit 1\"]"
                : "[\"CMD\", \"test\", \"-f\", \"/tmp/ready\"]";
        return """
                deployment: itntfa
                match: {role: it}
                stacks:
                  - name: itntfa
                    health_timeout: 6s
                    env_files: [secrets/web.sops.env]
                    compose:
                      services:
                        web:
                          image: busybox:1.36
                          command: ["sh", "-c", "echo starting with $$TOKEN; mkdir -p /www; echo ok > /www/index.html; (sleep 1; touch /tmp/ready) & exec httpd -f -p 8080 -h /www"]
                          environment: {TOKEN: "${TOKEN}", READY: "%s"}
                          ports: ["127.0.0.1:%d:8080"]
                          init: true
                          healthcheck:
                            test: %s
                            interval: 1s
                            timeout: 3s
                            retries: 3
                  - name: itntfax
                    drift: detect
                    compose:
                      services:
                        idle:
                          image: busybox:1.36
                          command: ["sleep", "3600"]
                          init: true
                """.formatted(ready, f.webPort, check);
    }

    private static boolean awaitReason(List<Received> received, String path, String reason) {
        return Engine.await(MINUTE, Duration.ofMillis(50), () -> received.stream()
                .anyMatch(r -> r.path().equals(path) && r.reason().equals(reason)));
    }

    private static Received find(List<Received> received, String path, String reason) {
        return received.stream().filter(r -> r.path().equals(path) && r.reason().equals(reason)).findFirst().orElseThrow();
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(NOTIFY_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
