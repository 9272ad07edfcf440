package dev.barge.source;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RemoteSession;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.util.FS;

/**
 * Bounds the whole SSH session setup (connect, key exchange, authentication) by the transport
 * timeout. JGit applies the timeout to the TCP connect only and then waits for authentication up to
 * Apache MINA's own two minutes, so a server that accepts and never speaks would stall a poll for
 * that long. MINA waits on interruptible futures: interrupting the caller ends the wait.
 */
final class DeadlineSshSessions extends SshSessionFactory implements AutoCloseable {
    private static final ScheduledExecutorService ALARMS = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "barge-ssh-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final SshdSessionFactory delegate;

    DeadlineSshSessions(SshdSessionFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public RemoteSession getSession(URIish uri, CredentialsProvider credentials, FS fs, int timeoutMillis) throws TransportException {
        if (timeoutMillis <= 0) {
            return delegate.getSession(uri, credentials, fs, timeoutMillis);
        }
        Alarm alarm = new Alarm(Thread.currentThread());
        ScheduledFuture<?> scheduled = ALARMS.schedule(alarm::ring, timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            return delegate.getSession(uri, credentials, fs, timeoutMillis);
        } catch (TransportException e) {
            if (alarm.rang()) {
                throw new TransportException(uri, "ssh session setup timed out after " + timeoutMillis + " ms", e);
            }
            throw e;
        } finally {
            scheduled.cancel(false);
            alarm.silence();
        }
    }

    @Override
    public String getType() {
        return delegate.getType();
    }

    @Override
    public void releaseSession(RemoteSession session) {
        delegate.releaseSession(session);
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** Interrupts its thread once, unless silenced first; silencing clears an interrupt it caused. */
    private static final class Alarm {
        private final Thread thread;
        private boolean done;
        private boolean rang;

        Alarm(Thread thread) {
            this.thread = thread;
        }

        synchronized void ring() {
            if (!done) {
                rang = true;
                thread.interrupt();
            }
        }

        synchronized boolean rang() {
            return rang;
        }

        synchronized void silence() {
            done = true;
            if (rang) {
                Thread.interrupted(); // the interrupt was ours: do not leak it to the caller
            }
        }
    }
}
