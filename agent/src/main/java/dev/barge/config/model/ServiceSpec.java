package dev.barge.config.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One compose service, fully resolved: interpolated, defaults applied, short syntax expanded.
 * Nullable scalars mean "not set". {@code sensitive} lists the attribute paths whose value came from
 * a secret; renderers show those as {@code (sensitive)} and hashing uses a keyed hash for them.
 */
public record ServiceSpec(
        String name,
        String image,
        String containerName,
        List<String> command,
        List<String> entrypoint,
        Map<String, String> environment,
        List<PortMapping> ports,
        List<String> expose,
        List<Mount> mounts,
        Map<String, NetworkAttachment> networks,
        String networkMode,
        String restart,
        Map<String, String> labels,
        Healthcheck healthcheck,
        Map<String, Dependency> dependsOn,
        Execution execution,
        Resources resources,
        Security security,
        PullPolicy pullPolicy,
        Logging logging,
        List<String> extraHosts,
        List<String> dns,
        List<FileMount> configs,
        List<FileMount> secrets,
        Set<String> sensitive,
        Engine engine) {

    public ServiceSpec {
        command = command == null ? null : List.copyOf(command);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        environment = SortedMaps.copyOf(environment);
        ports = List.copyOf(ports);
        expose = List.copyOf(expose);
        mounts = List.copyOf(mounts);
        networks = SortedMaps.copyOf(networks);
        labels = SortedMaps.copyOf(labels);
        dependsOn = SortedMaps.copyOf(dependsOn);
        extraHosts = List.copyOf(extraHosts);
        dns = List.copyOf(dns);
        configs = List.copyOf(configs);
        secrets = List.copyOf(secrets);
        sensitive = Set.copyOf(sensitive);
        engine = engine == null ? Engine.DEFAULTS : engine;
    }

    /** A service without the engine-side keys of {@link Engine} (platform, runtime, links, replicas). */
    public ServiceSpec(String name, String image, String containerName, List<String> command, List<String> entrypoint,
                       Map<String, String> environment, List<PortMapping> ports, List<String> expose, List<Mount> mounts,
                       Map<String, NetworkAttachment> networks, String networkMode, String restart,
                       Map<String, String> labels, Healthcheck healthcheck, Map<String, Dependency> dependsOn,
                       Execution execution, Resources resources, Security security, PullPolicy pullPolicy,
                       Logging logging, List<String> extraHosts, List<String> dns, List<FileMount> configs,
                       List<FileMount> secrets, Set<String> sensitive) {
        this(name, image, containerName, command, entrypoint, environment, ports, expose, mounts, networks, networkMode,
                restart, labels, healthcheck, dependsOn, execution, resources, security, pullPolicy, logging, extraHosts,
                dns, configs, secrets, sensitive, Engine.DEFAULTS);
    }

    public boolean isSensitive(String attributePath) {
        return sensitive.contains(attributePath);
    }

    /** The same service run from another image reference (a digest recorded for a rollback); the spec is otherwise unchanged. */
    public ServiceSpec withImage(String imageRef) {
        return new ServiceSpec(name, imageRef, containerName, command, entrypoint, environment, ports, expose, mounts,
                networks, networkMode, restart, labels, healthcheck, dependsOn, execution, resources, security, pullPolicy,
                logging, extraHosts, dns, configs, secrets, sensitive, engine);
    }

    /** One replica of the service: the same spec under its own container name. */
    public ServiceSpec withContainerName(String name) {
        return new ServiceSpec(this.name, image, name, command, entrypoint, environment, ports, expose, mounts,
                networks, networkMode, restart, labels, healthcheck, dependsOn, execution, resources, security, pullPolicy,
                logging, extraHosts, dns, configs, secrets, sensitive, engine);
    }

    /** The same service on other networks (a replica answering to the aliases other services link to it by). */
    public ServiceSpec withNetworks(Map<String, NetworkAttachment> newNetworks) {
        return new ServiceSpec(name, image, containerName, command, entrypoint, environment, ports, expose, mounts,
                newNetworks, networkMode, restart, labels, healthcheck, dependsOn, execution, resources, security, pullPolicy,
                logging, extraHosts, dns, configs, secrets, sensitive, engine);
    }

    /** The same service with other engine-side settings (apply drops the links a replica's network alias answers). */
    public ServiceSpec withEngine(Engine newEngine) {
        return new ServiceSpec(name, image, containerName, command, entrypoint, environment, ports, expose, mounts,
                networks, networkMode, restart, labels, healthcheck, dependsOn, execution, resources, security, pullPolicy,
                logging, extraHosts, dns, configs, secrets, sensitive, newEngine);
    }

    /** The same service with other mounts (apply's materialised repo files, inherited anonymous volumes). */
    public ServiceSpec withMounts(List<Mount> newMounts) {
        return new ServiceSpec(name, image, containerName, command, entrypoint, environment, ports, expose, newMounts,
                networks, networkMode, restart, labels, healthcheck, dependsOn, execution, resources, security, pullPolicy,
                logging, extraHosts, dns, configs, secrets, sensitive, engine);
    }

    /** {@code <stack>-<service>-1} unless {@code container_name} is set, as Compose names them. */
    public String containerName(String stack) {
        return containerName != null ? containerName : stack + "-" + name + "-1";
    }

    @Override
    public String toString() {
        // records print every component; environment values may be secrets
        return "ServiceSpec[" + name + ", image=" + image + "]";
    }

    /** A published port: {@code hostIp} and {@code published} null when not given. Ranges are expanded. */
    public record PortMapping(String hostIp, Integer published, int target, String protocol) {
    }

    /**
     * A bind mount, named volume or tmpfs. {@code source} is the host path (bind) or volume key (volume;
     * null for an anonymous volume). A bind of a repo file or folder has its {@code repo} content and the
     * path as written ({@code ./conf/nginx.conf}) as source, until apply puts the materialised path there.
     * {@code options} are the engine's mount options beyond read-only and the tmpfs size, in a fixed order:
     * a bind's propagation and SELinux relabel ({@code rshared}, {@code z}), a volume's {@code nocopy}, a
     * tmpfs's options as docker takes them ({@code mode=1777}, {@code noexec}); empty for most mounts.
     */
    public record Mount(Type type, String source, String target, boolean readOnly, Long tmpfsSize, RepoContent repo,
                        List<String> options) {
        public enum Type { BIND, VOLUME, TMPFS }

        public Mount {
            options = options == null ? List.of() : List.copyOf(options);
        }

        public Mount(Type type, String source, String target, boolean readOnly, Long tmpfsSize, RepoContent repo) {
            this(type, source, target, readOnly, tmpfsSize, repo, List.of());
        }

        public Mount(Type type, String source, String target, boolean readOnly, Long tmpfsSize) {
            this(type, source, target, readOnly, tmpfsSize, null, List.of());
        }

        /** The same mount from another source (a materialised repo path, an engine volume name), options kept. */
        public Mount withSource(String newSource) {
            return new Mount(type, newSource, target, readOnly, type == Type.TMPFS ? tmpfsSize : null, null, options);
        }

        /** A tmpfs's options as docker's {@code --tmpfs PATH:OPTIONS} takes them ({@code size=8388608,mode=1777,ro}). */
        public String tmpfsOptionText() {
            List<String> all = new java.util.ArrayList<>();
            if (tmpfsSize != null) {
                all.add("size=" + tmpfsSize);
            }
            all.addAll(options);
            if (readOnly) {
                all.add("ro");
            }
            return String.join(",", all);
        }

        /** A volume mount without a name: the engine names it, Compose carries it over to a replacement. */
        public boolean anonymous() {
            return type == Type.VOLUME && source == null;
        }
    }

    public record NetworkAttachment(List<String> aliases, String ipv4Address) {
        public NetworkAttachment {
            aliases = List.copyOf(aliases);
        }
    }

    /** {@code disabled} is {@code healthcheck: {disable: true}} or {@code test: ["NONE"]}. */
    public record Healthcheck(List<String> test, java.time.Duration interval, java.time.Duration timeout,
                              Integer retries, java.time.Duration startPeriod, boolean disabled,
                              java.time.Duration startInterval) {
        public Healthcheck {
            test = List.copyOf(test);
        }

        public Healthcheck(List<String> test, java.time.Duration interval, java.time.Duration timeout,
                           Integer retries, java.time.Duration startPeriod, boolean disabled) {
            this(test, interval, timeout, retries, startPeriod, disabled, null);
        }
    }

    /**
     * What the engine runs the service with beyond the container's own settings: {@code platform}
     * (pulled and created for it), {@code runtime}, {@code links} ({@code SERVICE} or {@code SERVICE:ALIAS},
     * container-scoped aliases) and the number of {@code replicas}.
     */
    public record Engine(String platform, String runtime, List<String> links, int replicas) {
        public static final Engine DEFAULTS = new Engine(null, null, List.of(), 1);

        public Engine {
            links = List.copyOf(links);
        }
    }

    public record Dependency(Condition condition, boolean required, boolean restart) {
        public enum Condition { SERVICE_STARTED, SERVICE_HEALTHY, SERVICE_COMPLETED_SUCCESSFULLY }
    }

    /**
     * How the main process runs. {@code startFirst}: {@code deploy.update_config.order: start-first}, a
     * replacement starts and passes its gate before the old container stops (not part of the spec hash).
     */
    public record Execution(String user, String workingDir, String hostname, boolean tty, boolean stdinOpen,
                            Boolean init, String stopSignal, java.time.Duration stopGracePeriod, boolean startFirst) {
        public static final Execution DEFAULTS = new Execution(null, null, null, false, false, null, null, null);

        /** Stop-first, Compose's default. */
        public Execution(String user, String workingDir, String hostname, boolean tty, boolean stdinOpen,
                         Boolean init, String stopSignal, java.time.Duration stopGracePeriod) {
            this(user, workingDir, hostname, tty, stdinOpen, init, stopSignal, stopGracePeriod, false);
        }
    }

    /** Limits; sizes in bytes. */
    public record Resources(Long memLimit, Long memReservation, Double cpus, Long pidsLimit, Boolean oomKillDisable,
                            Long shmSize, Map<String, Ulimit> ulimits) {
        public static final Resources DEFAULTS = new Resources(null, null, null, null, null, null, Map.of());

        public Resources {
            ulimits = SortedMaps.copyOf(ulimits);
        }
    }

    public record Ulimit(long soft, long hard) {
    }

    /** What the host's {@code policy} is checked against. */
    public record Security(boolean privileged, List<String> capAdd, List<String> capDrop, boolean readOnly,
                           List<String> securityOpt, List<Device> devices, Map<String, String> sysctls) {
        public static final Security DEFAULTS = new Security(false, List.of(), List.of(), false, List.of(), List.of(),
                Map.of());

        public Security {
            capAdd = List.copyOf(capAdd);
            capDrop = List.copyOf(capDrop);
            securityOpt = List.copyOf(securityOpt);
            devices = List.copyOf(devices);
            sysctls = SortedMaps.copyOf(sysctls);
        }
    }

    public record Device(String hostPath, String containerPath, String permissions) {
    }

    /** Compose's {@code pull_policy}; {@code if_not_present} is read as MISSING. */
    public enum PullPolicy { ALWAYS, MISSING, NEVER }

    public record Logging(String driver, Map<String, String> options) {
        public Logging {
            options = SortedMaps.copyOf(options);
        }
    }

    /**
     * A compose config or secret put into the container through the Engine API. {@code name} is the
     * top-level key, {@code source} the repo-relative file, {@code content} its (decrypted) bytes.
     */
    public record FileMount(String name, String source, String target, String uid, String gid, Integer mode,
                            FileContent content) {
    }
}
