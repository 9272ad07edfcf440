package dev.barge.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.barge.reconcile.Cause;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * {@code POST /hooks/<provider>}: checks the signature, and for a push to the agent's branch submits
 * a webhook cause. It never reads a commit id from the payload (the agent fetches and trusts only
 * what git gives it), and it never reconciles itself.
 *
 * <p>Answers: 202 a push to the branch (a reconcile is queued) or an event that is ignored (another
 * branch, a tag, not a push); 200 a ping; 401 a missing or wrong signature; 404 an unknown provider,
 * or webhooks not configured; 405 not POST; 413 a body over {@link #MAX_BODY} bytes.
 */
final class WebhookHandler implements HttpHandler {
    static final int MAX_BODY = 1024 * 1024;
    static final String PREFIX = "/hooks/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookSecret secret;
    private final String branchRef;
    private final Consumer<Cause> submit;
    private final Consumer<String> log;
    /** (provider, result) of every request, for barge_webhook_requests_total. */
    private final BiConsumer<String, String> counted;

    /** {@code secret} null: webhooks are off (every hook is 404 saying how to turn them on). */
    WebhookHandler(WebhookSecret secret, String branch, Consumer<Cause> submit, Consumer<String> log,
                   BiConsumer<String, String> counted) {
        this.counted = counted;
        this.secret = secret;
        this.branchRef = "refs/heads/" + branch;
        this.submit = submit;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String name = exchange.getRequestURI().getPath().substring(PREFIX.length());
            Optional<Provider> provider = Provider.byPath(name);
            if (provider.isEmpty()) {
                counted.accept("unknown", "unknown_provider");
                answer(exchange, 404, "unknown webhook: use /hooks/github, /hooks/gitlab, /hooks/gitea or /hooks/generic");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                counted.accept(name, "not_post");
                answer(exchange, 405, "webhooks are POST");
                return;
            }
            if (secret == null) {
                counted.accept(name, "off");
                answer(exchange, 404, "webhooks are off on this agent: set server.webhook_secret_file");
                return;
            }
            byte[] body = readLimited(exchange);
            if (body == null) {
                log.accept("webhook " + name + " refused: body over " + MAX_BODY + " bytes (413)");
                counted.accept(name, "too_large");
                answer(exchange, 413, "body over " + MAX_BODY + " bytes");
                return;
            }
            Provider.Headers headers = exchange.getRequestHeaders()::getFirst;
            if (!provider.get().verify(headers, body, secret.bytes())) {
                log.accept("webhook " + name + " refused: missing or wrong signature (401) from "
                        + exchange.getRemoteAddress().getAddress().getHostAddress());
                counted.accept(name, "unauthorized");
                answer(exchange, 401, "missing or wrong signature");
                return;
            }
            String event = provider.get().event(headers);
            if ("ping".equals(event)) {
                counted.accept(name, "ping");
                answer(exchange, 200, "pong");
                return;
            }
            if (!"push".equals(event)) {
                counted.accept(name, "ignored");
                answer(exchange, 202, "ignored: not a push event");
                return;
            }
            Optional<String> ref = ref(body, exchange.getRequestHeaders().getFirst("Content-Type"));
            if (ref.isPresent() && !ref.get().equals(branchRef)) {
                counted.accept(name, "ignored");
                answer(exchange, 202, "ignored: the push is not to " + branchRef);
                return;
            }
            submit.accept(new Cause.Webhook(name));
            counted.accept(name, "queued");
            answer(exchange, 202, "fetch queued");
        }
    }

    /** The body, or null when it is longer than the limit; reading stops at the limit. */
    private static byte[] readLimited(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > MAX_BODY) {
                    return null;
                }
            } catch (NumberFormatException e) {
                // the read below enforces the limit anyway
            }
        }
        InputStream in = exchange.getRequestBody();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer, 0, Math.min(buffer.length, MAX_BODY + 1 - out.size()))) > 0) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_BODY) {
                return null;
            }
        }
        return out.toByteArray();
    }

    /**
     * The pushed ref, when the payload names one ("ref" in JSON, or in GitHub's form-encoded
     * {@code payload=}); empty when it does not or is not JSON (a generic hook may send anything).
     */
    static Optional<String> ref(byte[] body, String contentType) {
        try {
            String text = new String(body, StandardCharsets.UTF_8);
            if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
                for (String pair : text.split("&")) {
                    if (pair.startsWith("payload=")) {
                        text = URLDecoder.decode(pair.substring("payload=".length()), StandardCharsets.UTF_8);
                    }
                }
            }
            JsonNode ref = JSON.readTree(text).path("ref");
            return ref.isTextual() ? Optional.of(ref.asText()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
