package dev.barge.config.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/** The agent config on a VM ({@code /etc/barge/agent.yaml} by default); relative paths are resolved against its directory. */
public record AgentConfig(Node node, Source source, Secrets secrets, Policy policy, Path stateDir, Server server,
                          Apply apply, OnFailure onFailure, List<Notify> notifications) {

    public AgentConfig {
        notifications = notifications == null ? List.of() : List.copyOf(notifications);
    }

    public AgentConfig(Node node, Source source, Secrets secrets, Policy policy, Path stateDir, Server server,
                       Apply apply, OnFailure onFailure) {
        this(node, source, secrets, policy, stateDir, server, apply, onFailure, List.of());
    }

    public static final Path DEFAULT_PATH = Path.of("/etc/barge/agent.yaml");
    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/barge");

    /** The read limits of {@code source:}, also for a local repo; the defaults without an agent config. */
    public static ReadLimits readLimits(Optional<AgentConfig> agent) {
        return agent.map(AgentConfig::source).map(Source::limits).orElse(ReadLimits.DEFAULTS);
    }

    /** This node's name (default: the host name) and labels. */
    public record Node(String name, Map<String, String> labels) {
        public Node {
            labels = SortedMaps.copyOf(labels);
        }
    }

    /**
     * Where the config comes from. {@code url}: https, ssh ({@code git@host:path}), git:// or file://.
     * {@code path}: the config root inside the repository. {@code allowForcePush}: follow a branch head
     * that does not descend from the last applied commit. {@code allowInsecureTransport}: use git://
     * without {@code verify}.
     */
    public record Source(String url, String branch, String path, Duration pollInterval, Auth auth, Verify verify,
                         Duration timeout, ReadLimits limits, boolean allowForcePush, boolean allowInsecureTransport) {
        public Source {
            limits = limits == null ? ReadLimits.DEFAULTS : limits;
        }

        public Source(String url, String branch, String path, Duration pollInterval, Auth auth, Verify verify,
                      Duration timeout) {
            this(url, branch, path, pollInterval, auth, verify, timeout, ReadLimits.DEFAULTS, false, false);
        }

        public Source(String url, String branch, String path, Duration pollInterval, Auth auth, Verify verify,
                      Duration timeout, ReadLimits limits) {
            this(url, branch, path, pollInterval, auth, verify, timeout, limits, false, false);
        }

        public Source(String url, String branch, String path, Duration pollInterval, Auth auth, Verify verify,
                      Duration timeout, boolean allowForcePush, boolean allowInsecureTransport) {
            this(url, branch, path, pollInterval, auth, verify, timeout, ReadLimits.DEFAULTS, allowForcePush,
                    allowInsecureTransport);
        }
    }

    /**
     * How much of the config repo one load may read ({@code source.max_file_size}, {@code source.max_total_size}):
     * checked before a file is parsed, so a huge file is refused instead of exhausting memory.
     */
    public record ReadLimits(long maxFileSize, long maxTotalSize) {
        public static final ReadLimits DEFAULTS = new ReadLimits(4L << 20, 64L << 20);
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

    /**
     * What this host allows the repository to ask for; docs/security.md explains each setting.
     * {@code publishAddresses} null means every address; {@code allowedSysctls} holds names and
     * {@code prefix.*} patterns; capabilities are upper case without {@code CAP_}.
     */
    public record Policy(boolean allowPrivileged, boolean allowHostNetwork, List<Path> bindRoots, boolean allowDevices,
                         Set<String> allowedCapabilities, Set<String> allowedSecurityOpts, List<String> allowedSysctls,
                         boolean allowVolumeDrivers, boolean allowNetworkDrivers, Set<String> externalVolumes,
                         Set<String> externalNetworks, List<String> publishAddresses, Set<String> loggingDrivers,
                         long maxTmpfsSize, Set<String> allowedRuntimes) {
        /** Docker's default capability set, plus NET_BIND_SERVICE (already in it, named for clarity). */
        public static final Set<String> DEFAULT_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
                "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID",
                "SYS_CHROOT");
        public static final Set<String> DEFAULT_SECURITY_OPTS = Set.of("no-new-privileges");
        public static final List<String> DEFAULT_SYSCTLS = List.of("net.*");
        public static final Set<String> DEFAULT_LOGGING_DRIVERS = Set.of("json-file", "local", "journald", "none");
        public static final long DEFAULT_MAX_TMPFS_SIZE = 1L << 30;
        /** The engine's own default runtime, under both its names; "*" allows any runtime the engine has. */
        public static final Set<String> DEFAULT_RUNTIMES = Set.of("runc", "io.containerd.runc.v2");

        public static final Policy DEFAULTS = new Policy(false, false, List.of(), false);

        public Policy {
            bindRoots = List.copyOf(bindRoots);
            allowedCapabilities = allowedCapabilities.stream().map(Policy::capability)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
            allowedSecurityOpts = Set.copyOf(allowedSecurityOpts);
            allowedSysctls = List.copyOf(allowedSysctls);
            externalVolumes = Set.copyOf(externalVolumes);
            externalNetworks = Set.copyOf(externalNetworks);
            publishAddresses = publishAddresses == null ? null : List.copyOf(publishAddresses);
            loggingDrivers = Set.copyOf(loggingDrivers);
            allowedRuntimes = Set.copyOf(allowedRuntimes);
        }

        /** Every setting but {@code allowedRuntimes}, which takes its default. */
        public Policy(boolean allowPrivileged, boolean allowHostNetwork, List<Path> bindRoots, boolean allowDevices,
                      Set<String> allowedCapabilities, Set<String> allowedSecurityOpts, List<String> allowedSysctls,
                      boolean allowVolumeDrivers, boolean allowNetworkDrivers, Set<String> externalVolumes,
                      Set<String> externalNetworks, List<String> publishAddresses, Set<String> loggingDrivers,
                      long maxTmpfsSize) {
            this(allowPrivileged, allowHostNetwork, bindRoots, allowDevices, allowedCapabilities, allowedSecurityOpts,
                    allowedSysctls, allowVolumeDrivers, allowNetworkDrivers, externalVolumes, externalNetworks,
                    publishAddresses, loggingDrivers, maxTmpfsSize, DEFAULT_RUNTIMES);
        }

        /** As the engine names a capability: upper case, without {@code CAP_} (Compose accepts both). */
        public static String capability(String name) {
            String upper = name.strip().toUpperCase(java.util.Locale.ROOT);
            return upper.startsWith("CAP_") ? upper.substring(4) : upper;
        }

        /** The four historical settings; every other one at its default. */
        public Policy(boolean allowPrivileged, boolean allowHostNetwork, List<Path> bindRoots, boolean allowDevices) {
            this(allowPrivileged, allowHostNetwork, bindRoots, allowDevices, DEFAULT_CAPABILITIES, DEFAULT_SECURITY_OPTS,
                    DEFAULT_SYSCTLS, false, false, Set.of(), Set.of(), null, DEFAULT_LOGGING_DRIVERS,
                    DEFAULT_MAX_TMPFS_SIZE, DEFAULT_RUNTIMES);
        }
    }

    /**
     * @param tokenFile the bearer token the status endpoints ask for; required to listen on a non-loopback address
     */
    public record Server(String listen, Path webhookSecretFile, Path tokenFile) {
        public static final String DEFAULT_LISTEN = "127.0.0.1:9910";

        public Server(String listen, Path webhookSecretFile) {
            this(listen, webhookSecretFile, null);
        }
    }

    /**
     * How apply runs on this host ({@code apply:}); null where the file does not say, so the built-in
     * default holds.
     *
     * @param settleTime      how long a container without a healthcheck must run without restarting
     * @param pullParallelism how many images are pulled at the same time
     * @param healthTimeout   the health gate's timeout for stacks without their own {@code health_timeout}
     * @param parallelism     how many container changes run at the same time
     */
    public record Apply(Duration settleTime, Integer pullParallelism, Duration healthTimeout, Integer parallelism) {
        public static final Apply DEFAULTS = new Apply(null, null, null, null);
    }

    /**
     * Where {@code barge agent} sends notifications ({@code notify:}).
     *
     * @param url        http or https
     * @param secretFile for a webhook: the HMAC key's file (mode 0600, may be sops-encrypted); null to send unsigned
     */
    public record Notify(Kind kind, java.net.URI url, Path secretFile) {
        public enum Kind { WEBHOOK, SLACK }
    }

    /** What the agent does when an apply of a new commit fails: restore the last good commit, or leave it. */
    public enum OnFailure { ROLLBACK, STOP }
}
