package dev.barge.policy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig;
import dev.barge.config.model.StackSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The host's policy (agent config {@code policy:}) against what the repo asks for. apply runs it
 * before anything changes and validate runs the same code, so a pull request learns first: a repo
 * that anyone with push access can edit must not get more from a host than the host granted.
 * Every path to the engine that can give a container the host is covered: privileges, capabilities,
 * security options, sysctls, devices, binds (also disguised as volume driver options, also through
 * symbolic links on the host), host and foreign networks and volumes, published addresses, logging
 * drivers and tmpfs sizes.
 */
public final class PolicyCheck {

    private PolicyCheck() {
    }

    /**
     * @throws BargeException REFUSED (exit 77) naming every violation, service, key and policy setting
     */
    public static void check(List<StackSpec> stacks, AgentConfig.Policy policy) {
        List<Violation> violations = violations(stacks, policy);
        if (!violations.isEmpty()) {
            throw new BargeException(Failure.REFUSED, String.join("; ", violations.stream().map(Violation::render).toList())
                    + (violations.size() > 1 ? "; change these services or allow it in the agent config's policy"
                    : "; change the service or allow it in the agent config's policy"));
        }
    }

    /** Every violation, stacks in name order, each stack's services then networks then volumes. */
    public static List<Violation> violations(List<StackSpec> stacks, AgentConfig.Policy policy) {
        Objects.requireNonNull(policy, "policy");
        BindRoots roots = new BindRoots(policy.bindRoots());
        List<Violation> found = new ArrayList<>();
        stacks.stream().sorted(Comparator.comparing(StackSpec::name)).forEach(stack -> {
            stack.project().services().values().forEach(service ->
                    new ServiceRules(stack.name(), service, policy, roots, found::add).check());
            new ResourceRules(stack, policy, roots, found::add).check();
        });
        return found;
    }
}
