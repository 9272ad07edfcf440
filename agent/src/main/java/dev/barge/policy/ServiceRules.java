package dev.barge.policy;

import dev.barge.config.model.AgentConfig.Policy;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.Mount;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The policy against one service's own keys; its stack's networks and volumes are {@link ResourceRules}'. */
final class ServiceRules {
    private final String stack;
    private final ServiceSpec service;
    private final Policy policy;
    private final BindRoots roots;
    private final Consumer<Violation> found;

    ServiceRules(String stack, ServiceSpec service, Policy policy, BindRoots roots, Consumer<Violation> found) {
        this.stack = stack;
        this.service = service;
        this.policy = policy;
        this.roots = roots;
        this.found = found;
    }

    void check() {
        ServiceSpec.Security security = service.security() == null ? ServiceSpec.Security.DEFAULTS : service.security();
        if (security.privileged() && !policy.allowPrivileged()) {
            refuse("privileged", "privileged: true", "allow_privileged");
        }
        if ("host".equals(service.networkMode()) && !policy.allowHostNetwork()) {
            refuse("network_mode", "network_mode: host", "allow_host_network");
        }
        if (!security.devices().isEmpty() && !policy.allowDevices()) {
            refuse("devices", "devices: " + shown("devices",
                    String.join(", ", security.devices().stream().map(ServiceSpec.Device::hostPath).toList())), "allow_devices");
        }
        capabilities(security.capAdd());
        securityOpts(security.securityOpt());
        sysctls(security);
        ports();
        logging();
        runtime();
        mounts();
        Long shm = service.resources() == null ? null : service.resources().shmSize();
        if (shm != null && shm > policy.maxTmpfsSize()) {
            refuse("shm_size", "shm_size: " + shown("shm_size", Sizes.text(shm)) + ", more than "
                    + Sizes.text(policy.maxTmpfsSize()) + " of memory", "max_tmpfs_size");
        }
    }

    private void capabilities(List<String> capAdd) {
        if (policy.allowedCapabilities().contains("ALL")) {
            return;
        }
        Set<String> refused = new LinkedHashSet<>();
        capAdd.stream().map(Policy::capability).filter(c -> !policy.allowedCapabilities().contains(c)).forEach(refused::add);
        if (!refused.isEmpty()) {
            refuse("cap_add", "cap_add: " + shown("cap_add", String.join(", ", refused)), "allowed_capabilities",
                    "does not list");
        }
    }

    private void securityOpts(List<String> options) {
        Set<String> allowed = new LinkedHashSet<>();
        policy.allowedSecurityOpts().forEach(o -> allowed.add(securityOpt(o)));
        List<String> refused = options.stream().filter(o -> !allowed.contains(securityOpt(o))).toList();
        if (!refused.isEmpty()) {
            refuse("security_opt", "security_opt: " + shown("security_opt", String.join(", ", refused)),
                    "allowed_security_opts", "does not list");
        }
    }

    /**
     * {@code seccomp=x} and {@code seccomp:x} alike; a bare {@code no-new-privileges} means
     * {@code no-new-privileges:true}, as the engine reads it.
     */
    static String securityOpt(String option) {
        String o = option.strip().replaceFirst("=", ":");
        return o.equals("no-new-privileges") ? "no-new-privileges:true" : o;
    }

    private void sysctls(ServiceSpec.Security security) {
        List<String> refused = security.sysctls().keySet().stream().filter(k -> !sysctlAllowed(k)).toList();
        if (!refused.isEmpty()) {
            refuse("sysctls", "sysctls: " + shown("sysctls", String.join(", ", refused)), "allowed_sysctls", "does not list");
        }
    }

    private boolean sysctlAllowed(String name) {
        for (String pattern : policy.allowedSysctls()) {
            if (pattern.equals("*") || pattern.equals(name)
                    || pattern.endsWith(".*") && name.startsWith(pattern.substring(0, pattern.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    private void ports() {
        if (policy.publishAddresses() == null) {
            return;
        }
        Set<String> allowed = new LinkedHashSet<>();
        policy.publishAddresses().forEach(a -> allowed.add(Addresses.normalize(a)));
        Set<String> refused = new LinkedHashSet<>();
        for (ServiceSpec.PortMapping p : service.ports()) {
            List<String> binds = p.hostIp() == null || p.hostIp().isBlank() ? Addresses.EVERY_INTERFACE : List.of(p.hostIp());
            for (String address : binds) {
                if (!allowed.contains(Addresses.normalize(address))) {
                    refused.add((p.published() == null ? "a port" : String.valueOf(p.published())) + " on "
                            + (p.hostIp() == null || p.hostIp().isBlank() ? "every address" : address));
                }
            }
        }
        if (!refused.isEmpty()) {
            refuse("ports", "ports published " + shown("ports", String.join(", ", refused)), "publish_addresses",
                    "does not list");
        }
    }

    private void logging() {
        String driver = service.logging() == null ? null : service.logging().driver();
        if (driver != null && !policy.loggingDrivers().contains(driver)) {
            refuse("logging", "logging driver " + shown("logging", driver), "logging_drivers", "does not list");
        }
    }

    /** An explicit {@code runtime:} only: a service without one runs on the engine's default, the host's choice. */
    private void runtime() {
        String runtime = service.engine().runtime();
        if (runtime != null && !policy.allowedRuntimes().contains("*") && !policy.allowedRuntimes().contains(runtime)) {
            refuse("runtime", "runtime " + shown("runtime", runtime), "allowed_runtimes", "does not list");
        }
    }

    private void mounts() {
        for (Mount m : service.mounts()) {
            if (m.type() == Mount.Type.BIND && m.repo() == null) {
                // a repo file is bound from barge's own state dir, written from the commit: no host path to allow
                roots.outside(m.source()).ifPresent(why -> refuse("volumes", "a bind mount of " + shown("volumes", m.source())
                        + " at " + shown("volumes", m.target()) + why + " outside this host's bind roots " + roots,
                        "bind_roots", null));
            } else if (m.type() == Mount.Type.TMPFS) {
                String key = "tmpfs";
                if (m.tmpfsSize() == null) {
                    refuse(key, "a tmpfs at " + shown(key, m.target()) + " without a size (set size, at most "
                            + Sizes.text(policy.maxTmpfsSize()) + ")", "max_tmpfs_size", null);
                } else if (m.tmpfsSize() > policy.maxTmpfsSize()) {
                    refuse(key, "a tmpfs of " + shown(key, Sizes.text(m.tmpfsSize())) + " at " + shown(key, m.target())
                            + ", more than " + Sizes.text(policy.maxTmpfsSize()), "max_tmpfs_size", null);
                }
            }
        }
    }

    /** {@code (sensitive)} when a secret reached the key: a policy message must not quote it. */
    private String shown(String key, String value) {
        for (String path : service.sensitive()) {
            if (path.equals(key) || path.startsWith(key + ".")) {
                return "(sensitive)";
            }
        }
        return value;
    }

    private void refuse(String key, String what, String setting) {
        refuse(key, what, setting, "forbids");
    }

    /** {@code verb} null: {@code what} already says why. */
    private void refuse(String key, String what, String setting, String verb) {
        String text = "service " + stack + "/" + service.name() + " asks for " + what
                + (verb == null ? "" : ", which this host's policy " + verb);
        found.accept(new Violation(stack, service.name(), "/services/" + escape(service.name()) + "/" + key, text, setting));
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
