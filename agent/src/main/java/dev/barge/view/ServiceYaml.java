package dev.barge.view;

import dev.barge.config.model.ServiceSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One resolved service as a Compose-style mapping; unset attributes are left out. */
final class ServiceYaml {
    private ServiceYaml() {
    }

    /** Every attribute at or below a path in {@link ServiceSpec#sensitive()} prints as (sensitive), whatever its key. */
    static Map<String, Object> of(String stack, ServiceSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        unredacted(stack, s).forEach((key, value) -> m.put(key, redacted(s, key, value)));
        return m;
    }

    private static Object redacted(ServiceSpec s, String path, Object value) {
        if (s.isSensitive(path)) {
            return ComposeView.SENSITIVE;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, child) -> out.put(String.valueOf(key), redacted(s, path + "." + key, child)));
            return out;
        }
        return value;
    }

    // keys are the compose keys, so that the attribute paths the parser marked sensitive name them
    private static Map<String, Object> unredacted(String stack, ServiceSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("container_name", s.containerName(stack));
        m.put("image", s.image());
        putIf(m, "command", s.command());
        putIf(m, "entrypoint", s.entrypoint());
        putIf(m, "environment", s.environment());
        putIf(m, "ports", s.ports().stream().map(ServiceYaml::port).toList());
        putIf(m, "expose", s.expose());
        putIf(m, "volumes", s.mounts().stream().filter(x -> !shortTmpfs(x)).map(ServiceYaml::mount).toList());
        // a tmpfs's options other than size and mode have no long syntax: the short one reads back the same
        putIf(m, "tmpfs", s.mounts().stream().filter(ServiceYaml::shortTmpfs).map(ServiceYaml::tmpfs).toList());
        Map<String, Object> networks = new LinkedHashMap<>();
        s.networks().forEach((name, a) -> {
            Map<String, Object> n = new LinkedHashMap<>();
            putIf(n, "aliases", a.aliases());
            putIf(n, "ipv4_address", a.ipv4Address());
            networks.put(name, n.isEmpty() ? null : n);
        });
        putIf(m, "networks", networks);
        putIf(m, "network_mode", s.networkMode());
        putIf(m, "restart", s.restart());
        putIf(m, "labels", s.labels());
        if (s.healthcheck() != null) {
            var h = s.healthcheck();
            Map<String, Object> hc = new LinkedHashMap<>();
            if (h.disabled()) {
                hc.put("disable", true);
            } else {
                hc.put("test", h.test());
                putIf(hc, "interval", duration(h.interval()));
                putIf(hc, "timeout", duration(h.timeout()));
                putIf(hc, "retries", h.retries());
                putIf(hc, "start_period", duration(h.startPeriod()));
                putIf(hc, "start_interval", duration(h.startInterval()));
            }
            m.put("healthcheck", hc);
        }
        Map<String, Object> depends = new LinkedHashMap<>();
        s.dependsOn().forEach((name, d) -> depends.put(name, Map.of("condition", d.condition().name().toLowerCase())));
        putIf(m, "depends_on", depends);
        var x = s.execution();
        putIf(m, "user", x.user());
        putIf(m, "working_dir", x.workingDir());
        putIf(m, "hostname", x.hostname());
        putIf(m, "tty", x.tty() ? true : null);
        putIf(m, "stdin_open", x.stdinOpen() ? true : null);
        putIf(m, "init", x.init());
        putIf(m, "stop_signal", x.stopSignal());
        putIf(m, "stop_grace_period", duration(x.stopGracePeriod()));
        var r = s.resources();
        putIf(m, "mem_limit", r.memLimit());
        putIf(m, "mem_reservation", r.memReservation());
        putIf(m, "cpus", r.cpus());
        putIf(m, "pids_limit", r.pidsLimit());
        putIf(m, "oom_kill_disable", r.oomKillDisable());
        putIf(m, "shm_size", r.shmSize());
        Map<String, Object> ulimits = new LinkedHashMap<>();
        r.ulimits().forEach((k, u) -> {
            // ordered: Map.of iterates in a different order on each JVM, and render must print the same every time
            Map<String, Object> limit = new LinkedHashMap<>();
            limit.put("soft", u.soft());
            limit.put("hard", u.hard());
            ulimits.put(k, limit);
        });
        putIf(m, "ulimits", ulimits);
        var sec = s.security();
        putIf(m, "privileged", sec.privileged() ? true : null);
        putIf(m, "cap_add", sec.capAdd());
        putIf(m, "cap_drop", sec.capDrop());
        putIf(m, "read_only", sec.readOnly() ? true : null);
        putIf(m, "security_opt", sec.securityOpt());
        putIf(m, "devices", sec.devices().stream().map(d -> d.hostPath() + ":" + d.containerPath()
                + (d.permissions() == null ? "" : ":" + d.permissions())).toList());
        putIf(m, "sysctls", sec.sysctls());
        m.put("pull_policy", s.pullPolicy().name().toLowerCase());
        if (s.logging() != null) {
            Map<String, Object> logging = new LinkedHashMap<>();
            putIf(logging, "driver", s.logging().driver());
            putIf(logging, "options", s.logging().options());
            m.put("logging", logging);
        }
        putIf(m, "extra_hosts", s.extraHosts());
        putIf(m, "dns", s.dns());
        putIf(m, "configs", s.configs().stream().map(ServiceYaml::file).toList());
        putIf(m, "secrets", s.secrets().stream().map(ServiceYaml::file).toList());
        putIf(m, "platform", s.engine().platform());
        putIf(m, "runtime", s.engine().runtime());
        putIf(m, "links", s.engine().links());
        putIf(m, "deploy", s.engine().replicas() == 1 ? null : Map.of("replicas", s.engine().replicas()));
        return m;
    }

    static void putIf(Map<String, Object> m, String key, Object value) {
        if (value == null || (value instanceof Collection<?> c && c.isEmpty()) || (value instanceof Map<?, ?> mm && mm.isEmpty())) {
            return;
        }
        m.put(key, value);
    }

    private static String port(ServiceSpec.PortMapping p) {
        String host = p.hostIp() == null ? "" : p.hostIp() + ":";
        String published = p.published() == null ? (p.hostIp() == null ? "" : ":") : p.published() + ":";
        return host + published + p.target() + ("tcp".equals(p.protocol()) || p.protocol() == null ? "" : "/" + p.protocol());
    }

    private static Object mount(ServiceSpec.Mount mount) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", mount.type().name().toLowerCase());
        putIf(m, "source", mount.source());
        m.put("target", mount.target());
        putIf(m, "read_only", mount.readOnly() ? true : null);
        if (mount.tmpfsSize() != null) {
            m.put("tmpfs", Map.of("size", mount.tmpfsSize()));
        }
        if (mount.type() == ServiceSpec.Mount.Type.BIND && !mount.options().isEmpty()) {
            Map<String, Object> bind = new LinkedHashMap<>();
            mount.options().forEach(o -> bind.put(o.equalsIgnoreCase("z") ? "selinux" : "propagation", o));
            m.put("bind", bind);
        }
        if (mount.options().contains("nocopy")) {
            m.put("volume", Map.of("nocopy", true));
        }
        return m;
    }

    private static boolean shortTmpfs(ServiceSpec.Mount mount) {
        return mount.type() == ServiceSpec.Mount.Type.TMPFS && !mount.options().isEmpty();
    }

    private static String tmpfs(ServiceSpec.Mount mount) {
        return mount.target() + ":" + mount.tmpfsOptionText();
    }

    private static Object file(ServiceSpec.FileMount f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", f.name());
        m.put("target", f.target());
        putIf(m, "uid", f.uid());
        putIf(m, "gid", f.gid());
        putIf(m, "mode", f.mode() == null ? null : String.format("0%o", f.mode()));
        m.put("content", f.content() == null ? null : f.content().sensitive() ? ComposeView.SENSITIVE
                : f.content().size() + " bytes from " + f.source());
        return m;
    }

    private static String duration(Duration d) {
        if (d == null) {
            return null;
        }
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

}
