package dev.barge.source;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The credentials, SSH client and timeout for one round of network calls. Secret files are read
 * when it is opened, so a rotated token is used by the next fetch; {@link #secrets()} lists the
 * values that must never reach a message.
 */
final class RemoteAccess implements AutoCloseable {
    /** The user name sent with a bare token; GitHub, Gitea and GitLab accept it for access tokens. */
    static final String TOKEN_USER = "x-access-token";

    private final CredentialsProvider credentials;
    private final DeadlineSshSessions ssh;
    private final int timeoutSeconds;
    private final List<String> secrets;
    private final Path knownHosts;

    private RemoteAccess(CredentialsProvider credentials, DeadlineSshSessions ssh, int timeoutSeconds, List<String> secrets,
                         Path knownHosts) {
        this.credentials = credentials;
        this.knownHosts = knownHosts;
        this.ssh = ssh;
        this.timeoutSeconds = timeoutSeconds;
        this.secrets = List.copyOf(secrets);
    }

    static RemoteAccess open(RemoteUrl url, AgentConfig.Auth auth, Path sshHome, Duration timeout) {
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
        List<String> secrets = new ArrayList<>();
        CredentialsProvider credentials = null;
        DeadlineSshSessions ssh = null;
        if (auth.tokenFile() != null) {
            String token = SecretFiles.read(auth.tokenFile(), "source.auth.token_file");
            secrets.add(token);
            String user = auth.username() == null || auth.username().isBlank() ? TOKEN_USER : auth.username();
            credentials = new UsernamePasswordCredentialsProvider(user, token);
        } else if (auth.passwordFile() != null) {
            String password = SecretFiles.read(auth.passwordFile(), "source.auth.password_file");
            secrets.add(password);
            credentials = new UsernamePasswordCredentialsProvider(auth.username(), password);
        }
        if (url.kind() == RemoteUrl.Kind.SSH) {
            TrustFiles.requirePrivate(auth.sshKey(), "source.auth.ssh_key");
            TrustFiles.requireReadable(auth.knownHosts(), "source.auth.known_hosts");
            try {
                if (!Files.isDirectory(sshHome, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(sshHome);
                }
                Files.setPosixFilePermissions(sshHome, PosixFilePermissions.fromString("rwx------"));
            } catch (IOException e) {
                throw new BargeException(Failure.FAILED, "cannot create " + sshHome + " for the ssh client: " + e.getMessage()
                        + ": check that state_dir is writable", e);
            }
            ssh = new DeadlineSshSessions(SshSessions.create(auth.sshKey(), auth.knownHosts(), sshHome, timeout));
        }
        if (url.uri().getPass() != null) {
            secrets.add(url.uri().getPass());
        }
        if (url.kind() == RemoteUrl.Kind.HTTP && url.uri().getUser() != null) {
            secrets.add(url.uri().getUser());
            if (credentials == null) {
                // git is given the URL without them (see RemoteUrl#withoutCredentials); a bare token as user has no password
                credentials = new UsernamePasswordCredentialsProvider(url.uri().getUser(),
                        url.uri().getPass() == null ? "" : url.uri().getPass());
            }
        }
        return new RemoteAccess(credentials, ssh, seconds, secrets, auth.knownHosts());
    }

    /** Applies timeout, credentials and the SSH client to a fetch, clone or ls-remote. */
    <C extends TransportCommand<C, ?>> C apply(C command) {
        command.setTimeout(timeoutSeconds);
        if (credentials != null) {
            command.setCredentialsProvider(credentials);
        }
        if (ssh != null) {
            command.setTransportConfigCallback(transport -> {
                if (transport instanceof SshTransport sshTransport) {
                    sshTransport.setSshSessionFactory(ssh);
                }
            });
        }
        return command;
    }

    int timeoutSeconds() {
        return timeoutSeconds;
    }

    /** The known_hosts file for ssh remotes (null otherwise), for messages. */
    Path knownHosts() {
        return knownHosts;
    }

    List<String> secrets() {
        return secrets;
    }

    @Override
    public void close() {
        if (ssh != null) {
            ssh.close();
        }
    }
}
