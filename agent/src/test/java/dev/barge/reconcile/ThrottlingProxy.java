package dev.barge.reconcile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of a registry that sends the responses slowly until told not
 * to, so that a pull through it lasts long enough to kill barge in the middle of it; it counts the
 * bytes it passed back, which tells a test that the pull is under way.
 */
final class ThrottlingProxy implements AutoCloseable {

    private static final int CHUNK = 1024;

    private final ServerSocket server;
    private final int targetPort;
    private final long bytesPerSecond;
    private final AtomicLong toClient = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean throttled = true;

    ThrottlingProxy(int targetPort, long bytesPerSecond) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.bytesPerSecond = bytesPerSecond;
        Thread accept = new Thread(this::acceptLoop, "throttling-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Bytes passed from the registry back to the client so far. */
    long bytesToClient() {
        return toClient.get();
    }

    /** From now on, full speed (also for transfers under way). */
    void unthrottle() {
        throttled = false;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pump(client.getInputStream(), upstream.getOutputStream(), false);
                pump(upstream.getInputStream(), client.getOutputStream(), true);
            } catch (IOException e) {
                // closed, or the registry is gone: the client sees its connection fail
            }
        }
    }

    private void pump(InputStream in, OutputStream out, boolean slow) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[CHUNK];
            try (in; out) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                    if (slow) {
                        toClient.addAndGet(n);
                        if (throttled) {
                            Thread.sleep(n * 1000L / bytesPerSecond);
                        }
                    }
                }
            } catch (IOException | InterruptedException e) {
                // one side closed: closing both ends tells the other side
            }
        }, "throttling-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
