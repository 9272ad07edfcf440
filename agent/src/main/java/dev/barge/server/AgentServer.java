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
import java.util.function.Consumer;

/**
 * The agent's HTTP listener on {@code server.listen}: the webhook endpoints now, the status page and
 * metrics later ({@link #route}). Handlers only submit causes and read snapshots; they never run a
 * reconcile. Two worker threads: webhooks are tiny, and a flood must not cost the VM threads.
 */
public final class AgentServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService workers;

    private AgentServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /**
     * Listens on {@code listen} ("host:port"; port 0 picks one) and serves the webhooks for
     * {@code branch}. {@code secret} null turns the webhook endpoints off.
     */
    public static AgentServer start(String listen, WebhookSecret secret, String branch, Consumer<Cause> submit,
                                    Consumer<String> log) {
        InetSocketAddress address = address(listen);
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
        server.createContext(WebhookHandler.PREFIX, new WebhookHandler(secret, branch, submit, log));
        server.start();
        return new AgentServer(server, workers);
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
