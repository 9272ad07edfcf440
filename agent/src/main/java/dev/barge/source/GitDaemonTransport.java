package dev.barge.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.BasePackFetchConnection;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PackTransport;
import org.eclipse.jgit.transport.PushConnection;
import org.eclipse.jgit.transport.TcpTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportProtocol;
import org.eclipse.jgit.transport.URIish;

/**
 * Fetching over git:// with a socket read timeout. JGit's own git:// transport enforces its timeout by
 * interrupting the reading thread, which does not unblock a socket read on JDK 13 and later: a
 * remote that accepts and never answers would hang the agent forever. This transport sets
 * SO_TIMEOUT on the socket instead. Fetch only; barge never pushes.
 */
final class GitDaemonTransport extends TcpTransport implements PackTransport {
    private static final int DEFAULT_PORT = 9418;

    /** Held strongly: JGit keeps registered protocols only through weak references. */
    private static final TransportProtocol PROTOCOL = new TransportProtocol() {
        @Override
        public String getName() {
            return "git daemon (with read timeout)";
        }

        @Override
        public Set<String> getSchemes() {
            return Set.of("git");
        }

        @Override
        public Set<URIishField> getRequiredFields() {
            return EnumSet.of(URIishField.HOST, URIishField.PATH);
        }

        @Override
        public Set<URIishField> getOptionalFields() {
            return EnumSet.of(URIishField.PORT);
        }

        @Override
        public int getDefaultPort() {
            return DEFAULT_PORT;
        }

        @Override
        public Transport open(URIish uri, Repository local, String remoteName) {
            return new GitDaemonTransport(local, uri);
        }

        @Override
        public Transport open(URIish uri) {
            return new GitDaemonTransport(uri); // ls-remote: no local repository
        }
    };

    static {
        // registered protocols are consulted before JGit's built-in ones
        Transport.register(PROTOCOL);
    }

    private GitDaemonTransport(Repository local, URIish uri) {
        super(local, uri);
    }

    private GitDaemonTransport(URIish uri) {
        super(uri);
    }

    /** Makes sure git:// URLs use this transport; idempotent. */
    static void install() {
        // the static initializer did the work
    }

    @Override
    public FetchConnection openFetch() throws TransportException {
        return new Fetch();
    }

    @Override
    public PushConnection openPush() throws NotSupportedException {
        throw new NotSupportedException("barge does not push over git://");
    }

    @Override
    public void close() {
        // each connection owns its socket
    }

    private Socket connect() throws TransportException {
        int millis = getTimeout() > 0 ? getTimeout() * 1000 : 0;
        int port = uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORT;
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getByName(uri.getHost()), port), millis);
            socket.setSoTimeout(millis);
            return socket;
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing
            }
            if (e instanceof UnknownHostException) {
                throw new TransportException(uri, "unknown host", e);
            }
            if (e instanceof ConnectException) {
                throw new TransportException(uri, e.getMessage(), e);
            }
            throw new TransportException(uri, e.getMessage(), e);
        }
    }

    private final class Fetch extends BasePackFetchConnection {
        private Socket socket;

        Fetch() throws TransportException {
            super(GitDaemonTransport.this);
            socket = connect();
            try {
                init(new BufferedInputStream(socket.getInputStream()), socket.getOutputStream());
                StringBuilder request = new StringBuilder("git-upload-pack ").append(uri.getPath()).append('\0')
                        .append("host=").append(uri.getHost());
                if (uri.getPort() > 0 && uri.getPort() != DEFAULT_PORT) {
                    request.append(':').append(uri.getPort());
                }
                request.append('\0');
                pckOut.writeString(request.toString());
                pckOut.flush();
            } catch (IOException e) {
                close();
                throw new TransportException(uri, "the remote hung up unexpectedly", e);
            }
            try {
                readAdvertisedRefs();
            } catch (TransportException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            super.close();
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                } finally {
                    socket = null;
                }
            }
        }
    }
}
