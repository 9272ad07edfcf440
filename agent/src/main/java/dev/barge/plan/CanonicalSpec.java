package dev.barge.plan;

import dev.barge.config.model.FileContent;
import dev.barge.config.model.NetworkSpec;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.config.model.VolumeSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A service's resolved spec as a sorted map of attribute path to canonical string, and its hash.
 * Paths are compose key names joined with dots ({@code environment.TAG}, {@code volumes./data}).
 * Unset attributes and defaults (false, empty) are left out, so adding an attribute to this form
 * later does not change the hash of services that do not use it. Values from secrets (paths in
 * {@link ServiceSpec#sensitive()} or below them, and sensitive file contents) are replaced by a keyed
 * hash: the map holds no secret and is written into the container's {@code dev.barge.applied} label,
 * which the next plan diffs against (like kubectl's last-applied annotation).
 */
public final class CanonicalSpec {

    private static final Set<String> LIST_PATHS = Set.of("command", "entrypoint", "ports", "expose",
            "healthcheck.test", "cap_add", "cap_drop", "security_opt", "devices", "extra_hosts", "dns", "links");

    private final SortedMap<String, String> attributes;
    private final Set<String> sensitivePaths;
    private final String hash;

    private CanonicalSpec(SortedMap<String, String> attributes, Set<String> sensitivePaths) {
        this.attributes = Collections.unmodifiableSortedMap(attributes);
        this.sensitivePaths = Collections.unmodifiableSet(sensitivePaths);
        this.hash = hashOf(attributes);
    }

    public static CanonicalSpec of(StackSpec stack, ServiceSpec service, HashKey key) {
        Builder b = new Builder(service, key);
        b.put("container_name", service.containerName(stack.name()));
        b.put("x-barge.deployment", stack.deployment());
        b.put("image", service.image());
        b.putList("command", service.command());
        b.putList("entrypoint", service.entrypoint());
        service.environment().forEach((k, v) -> b.put("environment." + k, v));
        b.putNonEmpty("ports", sorted(service.ports().stream().map(CanonicalSpec::port).toList()));
        b.putNonEmpty("expose", sorted(service.expose()));
        for (ServiceSpec.Mount m : service.mounts()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("type", m.type().name().toLowerCase(java.util.Locale.ROOT));
            f.put("source", m.type() == ServiceSpec.Mount.Type.VOLUME ? volumeName(stack, m.source()) : m.source());
            f.put("read_only", m.readOnly() ? "true" : null);
            f.put("tmpfs_size", m.tmpfsSize());
            // absent when empty, so that a mount without options hashes as it did before options existed
            f.put("options", m.options().isEmpty() ? null : CanonicalFormat.list(m.options()));
            String path = b.putUnique("volumes." + m.target(), CanonicalFormat.fields(f));
            if (m.repo() != null) {
                // apart from the mount, so that the plan can say which repo file changed
                b.put(path + ".content", "sha256:" + m.repo().hash());
            }
        }
        service.networks().forEach((k, a) -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", networkName(stack, k));
            f.put("aliases", a.aliases().isEmpty() ? null : CanonicalFormat.list(new TreeSet<>(a.aliases())));
            f.put("ipv4_address", a.ipv4Address());
            b.put("networks." + k, CanonicalFormat.fields(f));
        });
        b.put("network_mode", service.networkMode());
        b.put("restart", service.restart());
        service.labels().forEach((k, v) -> b.put("labels." + k, v));
        healthcheck(b, service.healthcheck());
        execution(b, service.execution());
        resources(b, service.resources());
        security(b, service.security());
        if (service.logging() != null) {
            b.put("logging.driver", service.logging().driver());
            service.logging().options().forEach((k, v) -> b.put("logging.options." + k, v));
        }
        b.putNonEmpty("extra_hosts", sorted(service.extraHosts()));
        b.putNonEmpty("dns", service.dns());
        files(b, "configs", service.configs());
        files(b, "secrets", service.secrets());
        engine(b, service.engine());
        return new CanonicalSpec(b.attributes, b.sensitive);
    }

    /** Attribute path to canonical value, sorted by path. */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** The paths whose value is a keyed hash of a secret. */
    public Set<String> sensitivePaths() {
        return sensitivePaths;
    }

    /** SHA-256 (hex) of {@link #toLabel()}: the {@code dev.barge.spec} label. */
    public String hash() {
        return hash;
    }

    /** The compact JSON written into the {@code dev.barge.applied} label; holds no secret value. */
    public String toLabel() {
        return FlatJson.write(attributes);
    }

    /** The map in an applied label, or empty when the label is missing or not barge's format. */
    public static Optional<Map<String, String>> fromLabel(String label) {
        return FlatJson.read(label);
    }

    /** The hash of a canonical map, as {@link #hash()} computes it. */
    public static String hashOf(Map<String, String> attributes) {
        try {
            byte[] text = FlatJson.write(attributes).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** True for attributes whose canonical value is a JSON array of strings (rendered unquoted). */
    public static boolean isList(String path) {
        return LIST_PATHS.contains(path);
    }

    /** Every attribute that differs from {@code before} (an applied label's map), sorted by path. */
    public List<AttributeDiff> diffFrom(Map<String, String> before) {
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(attributes.keySet());
        List<AttributeDiff> diffs = new ArrayList<>();
        for (String path : paths) {
            String was = before.get(path);
            String now = attributes.get(path);
            if (!java.util.Objects.equals(was, now)) {
                boolean sensitive = sensitivePaths.contains(path) || isMac(was) || isMac(now);
                diffs.add(AttributeDiff.of(path, was, now, sensitive));
            }
        }
        return diffs;
    }

    @Override
    public String toString() {
        return "CanonicalSpec[" + attributes.size() + " attributes, " + hash + "]";
    }

    private static boolean isMac(String value) {
        return value != null && value.startsWith(HashKey.PREFIX);
    }

    private static void healthcheck(Builder b, ServiceSpec.Healthcheck h) {
        if (h == null) {
            return;
        }
        if (h.disabled()) {
            b.put("healthcheck.disable", "true");
            return;
        }
        b.putList("healthcheck.test", h.test());
        b.put("healthcheck.interval", h.interval() == null ? null : CanonicalFormat.duration(h.interval()));
        b.put("healthcheck.timeout", h.timeout() == null ? null : CanonicalFormat.duration(h.timeout()));
        b.put("healthcheck.retries", h.retries() == null ? null : h.retries().toString());
        b.put("healthcheck.start_period", h.startPeriod() == null ? null : CanonicalFormat.duration(h.startPeriod()));
        b.put("healthcheck.start_interval", h.startInterval() == null ? null : CanonicalFormat.duration(h.startInterval()));
    }

    private static void engine(Builder b, ServiceSpec.Engine e) {
        b.put("platform", e.platform());
        b.put("runtime", e.runtime());
        b.putNonEmpty("links", sorted(e.links()));
        // not deploy.replicas: each replica is its own container (container_name), scaling replaces none
    }

    private static void execution(Builder b, ServiceSpec.Execution x) {
        if (x == null) {
            return;
        }
        b.put("user", x.user());
        b.put("working_dir", x.workingDir());
        b.put("hostname", x.hostname());
        b.put("tty", x.tty() ? "true" : null);
        b.put("stdin_open", x.stdinOpen() ? "true" : null);
        b.put("init", x.init() == null ? null : x.init().toString());
        b.put("stop_signal", x.stopSignal());
        b.put("stop_grace_period", x.stopGracePeriod() == null ? null : CanonicalFormat.duration(x.stopGracePeriod()));
    }

    private static void resources(Builder b, ServiceSpec.Resources r) {
        if (r == null) {
            return;
        }
        b.put("mem_limit", str(r.memLimit()));
        b.put("mem_reservation", str(r.memReservation()));
        b.put("cpus", r.cpus() == null ? null : CanonicalFormat.decimal(r.cpus()));
        b.put("pids_limit", str(r.pidsLimit()));
        b.put("oom_kill_disable", r.oomKillDisable() == null ? null : r.oomKillDisable().toString());
        b.put("shm_size", str(r.shmSize()));
        r.ulimits().forEach((k, u) -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("soft", u.soft());
            f.put("hard", u.hard());
            b.put("ulimits." + k, CanonicalFormat.fields(f));
        });
    }

    private static void security(Builder b, ServiceSpec.Security s) {
        if (s == null) {
            return;
        }
        b.put("privileged", s.privileged() ? "true" : null);
        b.putNonEmpty("cap_add", sorted(s.capAdd()));
        b.putNonEmpty("cap_drop", sorted(s.capDrop()));
        b.put("read_only", s.readOnly() ? "true" : null);
        b.putNonEmpty("security_opt", s.securityOpt());
        b.putNonEmpty("devices", s.devices().stream().map(d -> d.hostPath() + ":" + d.containerPath()
                + (d.permissions() == null ? "" : ":" + d.permissions())).toList());
        s.sysctls().forEach((k, v) -> b.put("sysctls." + k, v));
    }

    private static void files(Builder b, String kind, List<ServiceSpec.FileMount> mounts) {
        for (ServiceSpec.FileMount m : mounts) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("source", m.source());
            f.put("target", m.target());
            f.put("uid", m.uid());
            f.put("gid", m.gid());
            f.put("mode", m.mode() == null ? null : "0" + Integer.toOctalString(m.mode()));
            String path = b.putUnique(kind + "." + m.name(), CanonicalFormat.fields(f));
            FileContent content = m.content();
            if (content != null) {
                String contentPath = path + ".content";
                if (content.sensitive()) {
                    b.putMac(contentPath, content.bytes());
                } else {
                    b.put(contentPath, "sha256:" + content.sha256());
                }
            }
        }
    }

    private static String volumeName(StackSpec stack, String key) {
        VolumeSpec v = key == null ? null : stack.project().volumes().get(key);
        return v != null && v.name() != null ? v.name() : key;
    }

    private static String networkName(StackSpec stack, String key) {
        NetworkSpec n = stack.project().networks().get(key);
        return n != null && n.name() != null ? n.name() : stack.name() + "_" + key;
    }

    private static String port(ServiceSpec.PortMapping p) {
        StringBuilder s = new StringBuilder();
        if (p.hostIp() != null) {
            s.append(p.hostIp().contains(":") ? "[" + p.hostIp() + "]" : p.hostIp()).append(':');
        }
        if (p.published() != null) {
            s.append(p.published()).append(':');
        } else if (p.hostIp() != null) {
            s.append(':');
        }
        return s.append(p.target()).append('/').append(p.protocol() == null ? "tcp" : p.protocol()).toString();
    }

    private static List<String> sorted(List<String> items) {
        return items.stream().sorted().toList();
    }

    private static String str(Long value) {
        return value == null ? null : value.toString();
    }

    /** Collects attributes; a value at or below a sensitive path goes in as its keyed hash. */
    private static final class Builder {
        private final ServiceSpec service;
        private final HashKey key;
        private final SortedMap<String, String> attributes = new TreeMap<>();
        private final Set<String> sensitive = new HashSet<>();

        Builder(ServiceSpec service, HashKey key) {
            this.service = service;
            this.key = key;
        }

        void put(String path, String value) {
            if (value == null) {
                return;
            }
            if (isSensitive(path)) {
                putMac(path, value.getBytes(StandardCharsets.UTF_8));
            } else {
                attributes.put(path, value);
            }
        }

        void putMac(String path, byte[] value) {
            attributes.put(path, key.mac(path, value));
            sensitive.add(path);
        }

        void putList(String path, List<String> items) {
            if (items != null) {
                put(path, CanonicalFormat.list(items));
            }
        }

        void putNonEmpty(String path, List<String> items) {
            if (!items.isEmpty()) {
                put(path, CanonicalFormat.list(items));
            }
        }

        /** Puts under {@code path}, or {@code path#2}, {@code path#3}... when taken; returns the path used. */
        String putUnique(String path, String value) {
            String unique = path;
            for (int n = 2; attributes.containsKey(unique); n++) {
                unique = path + "#" + n;
            }
            put(unique, value);
            return unique;
        }

        private boolean isSensitive(String path) {
            if (service.sensitive().isEmpty()) {
                return false;
            }
            if (service.isSensitive(path)) {
                return true;
            }
            for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
                if (service.isSensitive(path.substring(0, dot))) {
                    return true;
                }
            }
            return false;
        }
    }
}
