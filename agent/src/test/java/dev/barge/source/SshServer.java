package dev.barge.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server for the ITs: its own host key, sshd_config and authorized_keys in a temp dir,
 * on a free 127.0.0.1 port, run in the foreground ({@code -D -e}) so closing the test stops it.
 */
public final class SshServer implements AutoCloseable {
    final Path dir;
    public final int port;
    private final Process process;

    public SshServer(Path dir, List<Path> authorizedPublicKeys) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            Files.createDirectories(Path.of("/run/sshd")); // privilege separation directory
            Path hostKey = dir.resolve("ssh_host_ed25519_key");
            keygen(hostKey, "ed25519");
            StringBuilder authorized = new StringBuilder();
            for (Path key : authorizedPublicKeys) {
                authorized.append(Files.readString(key));
            }
            Files.writeString(dir.resolve("authorized_keys"), authorized.toString());
            this.port = Servers.freePort();
            Path config = Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                    "Port " + port,
                    "ListenAddress 127.0.0.1",
                    "HostKey " + hostKey,
                    "PidFile " + dir.resolve("sshd.pid"),
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PermitRootLogin prohibit-password",
                    "StrictModes no",
                    "UsePAM no",
                    "LogLevel VERBOSE",
                    ""));
            process = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sshd.log").toFile())
                    .start();
            Servers.awaitPort(port, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A known_hosts line for this server, as {@code ssh-keyscan -p PORT 127.0.0.1} would print it. */
    public String knownHostsLine() {
        try {
            String[] publicKey = Files.readString(dir.resolve("ssh_host_ed25519_key.pub")).strip().split(" ");
            return "[127.0.0.1]:" + port + " " + publicKey[0] + " " + publicKey[1] + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String log() {
        try {
            return Files.readString(dir.resolve("sshd.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Makes a key pair without a passphrase; returns the private key path ({@code .pub} beside it). */
    public static Path keygen(Path privateKey, String type) {
        Proc.run(privateKey.getParent(), Map.of(), List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "barge-test",
                "-f", privateKey.toString()));
        return privateKey;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
