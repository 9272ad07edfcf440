package dev.barge.server;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.reconcile.Cause;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The agent's HTTP listener on {@code server.listen}: the webhook endpoints, the status page, /status,
 * /metrics and the health checks ({@link Endpoints}). Handlers only submit causes and read snapshots; they never run a
 * reconcile. Two worker threads: webhooks are tiny, and a flood must not cost the VM threads.
 */
public final class AgentServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService workers;

    private AgentServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** Webhooks only (tests of the webhook handler). */
    static AgentServer start(String listen, WebhookSecret secret, String branch, Consumer<Cause> submit,
                             Consumer<String> log) {
        return start(listen, null, secret, branch, submit, log, null);
    }

    /**
     * Listens on {@code listen} ("host:port"; port 0 picks one) and serves the webhooks for
     * {@code branch} and, when {@code endpoints} is set, the status page, /status, /metrics, /healthz and
     * /readyz. {@code secret} null turns the webhook endpoints off. {@code token} null: no endpoint asks
     * for a token, which only a loopback address allows; with one, every endpoint but /healthz and the
     * webhooks (which are signed) needs {@code Authorization: Bearer <token>}.
     */
    public static AgentServer start(String listen, ApiToken token, WebhookSecret secret, String branch,
                                    Consumer<Cause> submit, Consumer<String> log, Endpoints endpoints) {
        InetSocketAddress address = address(listen);
        if (token == null && (address.isUnresolved() || !address.getAddress().isLoopbackAddress())) {
            throw BargeException.badInput("server.listen " + listen + " is reachable from other hosts: set"
                    + " server.token_file to a file (chmod 600) holding a long random token, or listen on 127.0.0.1");
        }
        // a client that sends headers or a body slowly must not hold a worker forever
        System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", "10"));
        System.setProperty("sun.net.httpserver.maxRspTime", System.getProperty("sun.net.httpserver.maxRspTime", "10"));
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new BargeException(Failure.RETRY_LATER, "cannot listen on " + listen + " (" + e.getMessage()
                    + "): is another agent running? change server.listen or stop the other process", e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "barge-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        BiConsumer<String, String> counted = endpoints == null ? (provider, result) -> { }
                : endpoints.metrics()::webhook;
        server.createContext(WebhookHandler.PREFIX, new WebhookHandler(secret, branch, submit, log, counted));
        if (endpoints != null) {
            server.createContext("/healthz", get(null, endpoints::healthz));
            server.createContext("/readyz", get(token, endpoints::readyz));
            server.createContext("/status", get(token, endpoints::status));
            server.createContext("/metrics", get(token, endpoints::metrics));
            server.createContext("/", get(token, endpoints::page));
        }
        server.start();
        return new AgentServer(server, workers);
    }

    /** GET (and HEAD) only; with a token, only for a request that carries it. */
    private static HttpHandler get(ApiToken token, HttpHandler handler) {
        return exchange -> {
            try (exchange) {
                String method = exchange.getRequestMethod();
                if (!"GET".equals(method) && !"HEAD".equals(method)) {
                    exchange.getResponseHeaders().add("Allow", "GET, HEAD");
                    Endpoints.answer(exchange, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
                } else if (token != null && !token.admits(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"barge\"");
                    Endpoints.answer(exchange, 401, "text/plain; charset=utf-8", "missing or wrong token: send"
                            + " Authorization: Bearer <the token in server.token_file>\n");
                } else {
                    handler.handle(exchange);
                }
            }
        };
    }

    /** Adds an endpoint under {@code path} (for the status page and metrics). */
    public void route(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    /** The port it listens on (the one picked when server.listen named port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    static InetSocketAddress address(String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw BargeException.badInput("server.listen " + listen + " is not host:port, e.g. 127.0.0.1:9910");
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(listen.substring(colon + 1));
            return new InetSocketAddress(host, port);
        } catch (IllegalArgumentException e) {
            throw BargeException.badInput("server.listen " + listen + " is not host:port, e.g. 127.0.0.1:9910");
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
