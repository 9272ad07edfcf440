package dev.barge.config.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The agent config on a VM ({@code /etc/barge/agent.yaml} by default); relative paths are resolved against its directory. */
public record AgentConfig(Node node, Source source, Secrets secrets, Policy policy, Path stateDir, Server server,
                          Apply apply, OnFailure onFailure) {

    public static final Path DEFAULT_PATH = Path.of("/etc/barge/agent.yaml");
    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/barge");

    /** This node's name (default: the host name) and labels. */
    public record Node(String name, Map<String, String> labels) {
        public Node {
            labels = SortedMaps.copyOf(labels);
        }
    }

    /**
     * Where the config comes from. {@code url}: https, ssh ({@code git@host:path}), git:// or file://.
     * {@code path}: the config root inside the repository.
     */
    public record Source(String url, String branch, String path, Duration pollInterval, Auth auth, Verify verify,
                         Duration timeout) {
    }

    /** At most one of token file, user+password file, ssh key; {@code knownHosts} applies to ssh. */
    public record Auth(Path tokenFile, String username, Path passwordFile, Path sshKey, Path knownHosts) {
        public static final Auth NONE = new Auth(null, null, null, null, null);
    }

    /** Signed-commit verification: SSH {@code allowed_signers} and/or armored GPG public keys. */
    public record Verify(Path allowedSigners, List<Path> gpgKeys) {
        public Verify {
            gpgKeys = List.copyOf(gpgKeys);
        }
    }

    public record Secrets(List<Path> ageIdentities) {
        public static final Secrets NONE = new Secrets(List.of());

        public Secrets {
            ageIdentities = List.copyOf(ageIdentities);
        }
    }

    /** What this host allows the repository to ask for. */
    public record Policy(boolean allowPrivileged, boolean allowHostNetwork, List<Path> bindRoots, boolean allowDevices) {
        public static final Policy DEFAULTS = new Policy(false, false, List.of(), false);

        public Policy {
            bindRoots = List.copyOf(bindRoots);
        }
    }

    public record Server(String listen, Path webhookSecretFile) {
        public static final String DEFAULT_LISTEN = "127.0.0.1:9910";
    }

    /**
     * How apply runs on this host ({@code apply:}); null where the file does not say, so the built-in
     * default holds.
     *
     * @param settleTime      how long a container without a healthcheck must run without restarting
     * @param pullParallelism how many images are pulled at the same time
     * @param healthTimeout   the health gate's timeout for stacks without their own {@code health_timeout}
     */
    public record Apply(Duration settleTime, Integer pullParallelism, Duration healthTimeout) {
        public static final Apply DEFAULTS = new Apply(null, null, null);
    }

    /** What the agent does when an apply of a new commit fails: restore the last good commit, or leave it. */
    public enum OnFailure { ROLLBACK, STOP }
}
