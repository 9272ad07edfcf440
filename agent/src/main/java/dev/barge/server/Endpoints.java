package dev.barge.server;

import com.sun.net.httpserver.HttpExchange;
import dev.barge.metrics.AgentMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The read-only endpoints: {@code /healthz}, {@code /readyz}, {@code /status}, {@code /metrics} and the
 * page at {@code /}. They read snapshots and never reconcile. Until the agent is up ({@link #attach}),
 * the engine may still be connecting: /status and the page answer 503, /readyz says why.
 */
public final class Endpoints {
    private final AgentMetrics metrics;
    private final Readiness readiness;
    private volatile NodeView view;

    public Endpoints(AgentMetrics metrics, Readiness readiness) {
        this.metrics = metrics;
        this.readiness = readiness;
    }

    /** The agent is running: the views can be rendered. */
    public void attach(NodeView view) {
        this.view = view;
        metrics.stacks(view::stackInfos);
    }

    AgentMetrics metrics() {
        return metrics;
    }

    void healthz(HttpExchange exchange) throws IOException {
        answer(exchange, 200, "text/plain; charset=utf-8", "ok\n");
    }

    void readyz(HttpExchange exchange) throws IOException {
        NodeView v = view;
        Readiness.State state = v == null ? readiness.state(() -> "waiting for the engine") : v.ready();
        answer(exchange, state.ready() ? 200 : 503, "text/plain; charset=utf-8", state.reason() + "\n");
    }

    void status(HttpExchange exchange) throws IOException {
        NodeView v = view;
        if (v == null) {
            answer(exchange, 503, "text/plain; charset=utf-8", "starting: waiting for the engine\n");
            return;
        }
        answer(exchange, 200, "application/json", StatusDocument.render(v.snapshot()));
    }

    void page(HttpExchange exchange) throws IOException {
        if (!"/".equals(exchange.getRequestURI().getPath())) {
            answer(exchange, 404, "text/plain; charset=utf-8",
                    "not found: the agent serves /, /status, /metrics, /healthz, /readyz and /hooks/<provider>\n");
            return;
        }
        NodeView v = view;
        if (v == null) {
            answer(exchange, 503, "text/plain; charset=utf-8", "starting: waiting for the engine\n");
            return;
        }
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        answer(exchange, 200, "text/html; charset=utf-8", StatusPage.render(v.snapshot()));
    }

    void metrics(HttpExchange exchange) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        metrics.write(out);
        send(exchange, 200, AgentMetrics.CONTENT_TYPE, out.toByteArray());
    }

    static void answer(HttpExchange exchange, int status, String type, String text) throws IOException {
        send(exchange, status, type, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
