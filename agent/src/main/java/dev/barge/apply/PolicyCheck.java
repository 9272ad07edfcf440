package dev.barge.apply;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The host's policy (agent config {@code policy:}) against what the repo asks for. It runs before
 * anything changes: a repo that anyone with push access can edit must not be able to ask a host for
 * root-equivalent access it did not grant.
 */
public final class PolicyCheck {

    private PolicyCheck() {
    }

    /**
     * @throws BargeException REFUSED (exit 77) naming every violation, service and policy key
     */
    public static void check(List<StackSpec> stacks, AgentConfig.Policy policy) {
        List<String> violations = violations(stacks, policy);
        if (!violations.isEmpty()) {
            throw new BargeException(Failure.REFUSED, String.join("; ", violations)
                    + (violations.size() > 1 ? "; change these services or allow it in the agent config's policy"
                    : "; change the service or allow it in the agent config's policy"));
        }
    }

    /** Every violation, one phrase each, stacks and services in name order. */
    public static List<String> violations(List<StackSpec> stacks, AgentConfig.Policy policy) {
        Objects.requireNonNull(policy, "policy");
        List<Path> roots = policy.bindRoots().stream().map(p -> p.toAbsolutePath().normalize()).toList();
        List<String> found = new ArrayList<>();
        stacks.stream().sorted(java.util.Comparator.comparing(StackSpec::name)).forEach(stack ->
                stack.project().services().values().forEach(service ->
                        check(stack.name() + "/" + service.name(), service, policy, roots, found)));
        return found;
    }

    private static void check(String who, ServiceSpec service, AgentConfig.Policy policy, List<Path> roots,
                              List<String> found) {
        ServiceSpec.Security security = service.security() == null ? ServiceSpec.Security.DEFAULTS : service.security();
        if (security.privileged() && !policy.allowPrivileged()) {
            found.add("service " + who + " asks for privileged: true, which this host's policy forbids"
                    + " (policy.allow_privileged)");
        }
        if ("host".equals(service.networkMode()) && !policy.allowHostNetwork()) {
            found.add("service " + who + " asks for network_mode: host, which this host's policy forbids"
                    + " (policy.allow_host_network)");
        }
        if (!security.devices().isEmpty() && !policy.allowDevices()) {
            found.add("service " + who + " asks for devices: " + String.join(", ",
                    security.devices().stream().map(ServiceSpec.Device::hostPath).toList())
                    + ", which this host's policy forbids (policy.allow_devices)");
        }
        for (ServiceSpec.Mount m : service.mounts()) {
            if (m.type() == ServiceSpec.Mount.Type.BIND && !inside(m.source(), roots)) {
                found.add("service " + who + " asks for a bind mount of " + m.source() + " at " + m.target()
                        + ", outside this host's bind roots " + roots + " (policy.bind_roots)");
            }
        }
    }

    /**
     * Whether the host path lies in one of the roots, compared component by component after removing
     * {@code .} and {@code ..} (so {@code /srv/../etc} is outside {@code /srv}, and {@code /srvx} too).
     * A relative path cannot be proven inside any root. Symbolic links on the host are the host's own
     * business: the roots are directories its administrator chose.
     */
    static boolean inside(String hostPath, List<Path> roots) {
        if (hostPath == null || !hostPath.startsWith("/")) {
            return false;
        }
        Path path;
        try {
            path = Path.of(hostPath).normalize();
        } catch (InvalidPathException e) {
            return false;
        }
        return roots.stream().anyMatch(path::startsWith);
    }
}
