package dev.barge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.reconcile.Cause;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook endpoints over real HTTP on 127.0.0.1, one provider dialect at a time. */
class AgentServerTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final String PUSH_MAIN = "{\"ref\":\"refs/heads/main\",\"after\":\"deadbeef\"}";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    private final List<Cause> submitted = Collections.synchronizedList(new ArrayList<>());
    private final List<String> logged = Collections.synchronizedList(new ArrayList<>());
    private AgentServer server;

    @BeforeEach
    void start() {
        server = AgentServer.start("127.0.0.1:0", WebhookSecret.of(SECRET), "main", submitted::add, logged::add);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void githubSignedPushToTheBranchQueuesOneFetch() throws Exception {
        var r = post("github", PUSH_MAIN, Map.of("X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=" + Provider.hmacHex(SECRET.getBytes(), PUSH_MAIN.getBytes())));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(submitted).containsExactly(new Cause.Webhook("github"));
    }

    @Test
    void githubSignatureFromItsDocumentationVerifies() {
        // docs.github.com "Validating webhook deliveries": secret and payload with the expected signature
        assertThat(Provider.hmacHex(SECRET.getBytes(StandardCharsets.UTF_8), "Hello, World!".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void githubForgedUnsignedOrAlteredBodyIs401AndTriggersNothing() throws Exception {
        String good = "sha256=" + Provider.hmacHex(SECRET.getBytes(), PUSH_MAIN.getBytes());
        assertThat(post("github", PUSH_MAIN, Map.of("X-GitHub-Event", "push")).statusCode()).isEqualTo(401);
        assertThat(post("github", PUSH_MAIN, Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256",
                "sha256=" + Provider.hmacHex("wrong".getBytes(), PUSH_MAIN.getBytes()))).statusCode()).isEqualTo(401);
        String altered = PUSH_MAIN.replace("deadbeef", "cafebabe");
        assertThat(post("github", altered, Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", good))
                .statusCode()).isEqualTo(401);
        assertThat(submitted).isEmpty();
        assertThat(logged).hasSize(3).allMatch(l -> l.contains("401") && !l.contains(SECRET));
    }

    @Test
    void githubPingIs200AndOtherBranchesAndEventsAre202Ignored() throws Exception {
        String ping = "{\"zen\":\"Keep it logically awesome.\"}";
        assertThat(post("github", ping, signedGithub("ping", ping)).statusCode()).isEqualTo(200);
        String other = "{\"ref\":\"refs/heads/feature\"}";
        var r = post("github", other, signedGithub("push", other));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).contains("ignored");
        String tag = "{\"ref\":\"refs/tags/v1\"}";
        assertThat(post("github", tag, signedGithub("push", tag)).statusCode()).isEqualTo(202);
        String pr = "{\"action\":\"opened\"}";
        assertThat(post("github", pr, signedGithub("pull_request", pr)).statusCode()).isEqualTo(202);
        assertThat(submitted).isEmpty();
    }

    @Test
    void githubFormEncodedPayloadIsReadToo() throws Exception {
        String body = "payload=" + URLEncoder.encode("{\"ref\":\"refs/heads/other\"}", StandardCharsets.UTF_8);
        var r = post("github", body, Map.of("Content-Type", "application/x-www-form-urlencoded", "X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=" + Provider.hmacHex(SECRET.getBytes(), body.getBytes())));
        assertThat(r.body()).contains("ignored");
        assertThat(submitted).isEmpty();
    }

    @Test
    void gitlabTokenMustMatchExactly() throws Exception {
        assertThat(post("gitlab", PUSH_MAIN, Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", SECRET))
                .statusCode()).isEqualTo(202);
        assertThat(post("gitlab", PUSH_MAIN, Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token",
                SECRET.toUpperCase())).statusCode()).isEqualTo(401);
        assertThat(post("gitlab", PUSH_MAIN, Map.of("X-Gitlab-Event", "Push Hook")).statusCode()).isEqualTo(401);
        assertThat(post("gitlab", PUSH_MAIN, Map.of("X-Gitlab-Event", "Tag Push Hook", "X-Gitlab-Token", SECRET))
                .statusCode()).isEqualTo(202);
        assertThat(submitted).containsExactly(new Cause.Webhook("gitlab"));
    }

    @Test
    void giteaAndForgejoSignTheBodyInHex() throws Exception {
        String hex = Provider.hmacHex(SECRET.getBytes(), PUSH_MAIN.getBytes());
        assertThat(post("gitea", PUSH_MAIN, Map.of("X-Gitea-Event", "push", "X-Gitea-Signature", hex)).statusCode())
                .isEqualTo(202);
        assertThat(post("gitea", PUSH_MAIN, Map.of("X-Forgejo-Event", "push", "X-Forgejo-Signature", hex)).statusCode())
                .isEqualTo(202);
        assertThat(post("gitea", PUSH_MAIN, Map.of("X-Gitea-Event", "push", "X-Gitea-Signature",
                hex.replace(hex.charAt(0), hex.charAt(0) == 'a' ? 'b' : 'a'))).statusCode()).isEqualTo(401);
        assertThat(submitted).hasSize(2);
    }

    @Test
    void genericNeedsTheBargeSignatureOverTheBody() throws Exception {
        String body = "deploy please";
        assertThat(post("generic", body, Map.of("X-Barge-Signature",
                "sha256=" + Provider.hmacHex(SECRET.getBytes(), body.getBytes()))).statusCode()).isEqualTo(202);
        assertThat(post("generic", body, Map.of("X-Barge-Signature",
                Provider.hmacHex(SECRET.getBytes(), body.getBytes()))).statusCode()).as("without sha256=").isEqualTo(401);
        assertThat(submitted).containsExactly(new Cause.Webhook("generic"));
    }

    @Test
    void bodyOverOneMebibyteIs413() throws Exception {
        // a raw socket announces the size and sends no body: the answer must come without reading it (an HTTP
        // client that sends the whole body first can be reset by the early close and never see the 413)
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /hooks/github HTTP/1.1\r\nHost: x\r\nX-GitHub-Event: push\r\n"
                    + "X-Hub-Signature-256: sha256=00\r\nContent-Length: " + (WebhookHandler.MAX_BODY + 1) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 413");
        }
        assertThat(submitted).isEmpty();
    }

    @Test
    void chunkedBodyIsCutAtTheLimitWithoutReadingTheRest() throws Exception {
        // no Content-Length: the handler must stop at the limit, not buffer whatever the client sends
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /hooks/generic HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            String header = Integer.toHexString(chunk.length) + "\r\n";
            String status = null;
            try {
                for (int i = 0; i < 64; i++) { // up to 4 MiB, more than the limit
                    out.write(header.getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException closed) {
                // the server answered and closed while we were still sending
            }
            InputStream in = socket.getInputStream();
            status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 413");
        }
        assertThat(submitted).isEmpty();
    }

    @Test
    void unknownProviderIs404AndGetIs405() throws Exception {
        assertThat(post("bitbucket", PUSH_MAIN, Map.of()).statusCode()).isEqualTo(404);
        var get = HTTP.send(HttpRequest.newBuilder(uri("github")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    @Test
    void withoutASecretWebhooksAreOff() throws Exception {
        server.close();
        server = AgentServer.start("127.0.0.1:0", null, "main", submitted::add, logged::add);
        var r = post("generic", "x", Map.of("X-Barge-Signature", "sha256=" + Provider.hmacHex("k".getBytes(), "x".getBytes())));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("server.webhook_secret_file");
        assertThat(submitted).isEmpty();
    }

    @Test
    void secretFileReadableByOthersIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("secret");
        Files.writeString(file, SECRET + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> WebhookSecret.read(file)).isInstanceOfSatisfying(BargeException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.REFUSED);
            assertThat(e.getMessage()).contains("chmod 600");
        });
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(WebhookSecret.read(file).bytes()).isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(WebhookSecret.read(file).toString()).isEqualTo("(sensitive)");
    }

    @Test
    void listenOnABusyPortSaysWhatToDo() {
        assertThatThrownBy(() -> AgentServer.start("127.0.0.1:" + server.port(), null, "main", c -> { }, l -> { }))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.getMessage()).contains("server.listen"));
    }

    private Map<String, String> signedGithub(String event, String body) {
        return Map.of("X-GitHub-Event", event,
                "X-Hub-Signature-256", "sha256=" + Provider.hmacHex(SECRET.getBytes(), body.getBytes(StandardCharsets.UTF_8)));
    }

    private URI uri(String provider) {
        return URI.create("http://127.0.0.1:" + server.port() + "/hooks/" + provider);
    }

    private HttpResponse<String> post(String provider, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(provider)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
