package dev.barge.reconcile;

import dev.barge.apply.ApplyOptions;
import dev.barge.config.model.AgentConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Reconciler} runs, built by its caller (the CLI from flags, environment and agent.yaml;
 * the agent from agent.yaml) rather than read from the environment inside it.
 *
 * @param lockWait           how long a reconcile waits for another one's state lock before it gives up
 *                           and says who holds it
 * @param scope              the stacks this barge sees and changes in the engine
 * @param apply              how apply runs: pull parallelism, settle time, ...
 * @param healthTimeout      the health gate's timeout for stacks without their own {@code health_timeout}
 * @param policy             what this host allows the repository to ask for
 */
public record ReconcileSettings(Duration lockWait, StackScope scope, ApplyOptions apply, Duration healthTimeout,
                                AgentConfig.Policy policy) {

    /** How long a second apply waits for the first by default. */
    public static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    public static final ReconcileSettings DEFAULTS = new ReconcileSettings(LOCK_WAIT, StackScope.ALL,
            ApplyOptions.DEFAULTS, null, AgentConfig.Policy.DEFAULTS);

    public ReconcileSettings {
        Objects.requireNonNull(lockWait, "lockWait");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(apply, "apply");
        Objects.requireNonNull(policy, "policy");
        if (lockWait.isNegative()) {
            throw new IllegalArgumentException("lock wait " + lockWait + " is negative: use 0 or more");
        }
        if (healthTimeout != null && (healthTimeout.isNegative() || healthTimeout.isZero())) {
            throw new IllegalArgumentException("health timeout " + healthTimeout + " must be positive");
        }
    }

    /** The defaults, with the agent config's {@code apply:} section and policy. */
    public static ReconcileSettings from(Optional<AgentConfig> agent) {
        AgentConfig.Apply section = agent.map(AgentConfig::apply).orElse(AgentConfig.Apply.DEFAULTS);
        ApplyOptions options = ApplyOptions.DEFAULTS;
        if (section.settleTime() != null) {
            options = options.withSettleTime(section.settleTime());
        }
        if (section.pullParallelism() != null) {
            options = options.withPullParallelism(section.pullParallelism());
        }
        if (section.parallelism() != null) {
            options = options.withParallelism(section.parallelism());
        }
        return new ReconcileSettings(LOCK_WAIT, StackScope.ALL, options, section.healthTimeout(),
                agent.map(AgentConfig::policy).orElse(AgentConfig.Policy.DEFAULTS));
    }

    public ReconcileSettings withLockWait(Duration wait) {
        return new ReconcileSettings(wait, scope, apply, healthTimeout, policy);
    }

    public ReconcileSettings withScope(StackScope newScope) {
        return new ReconcileSettings(lockWait, newScope, apply, healthTimeout, policy);
    }

    public ReconcileSettings withApply(ApplyOptions options) {
        return new ReconcileSettings(lockWait, scope, options, healthTimeout, policy);
    }

    public ReconcileSettings withHealthTimeout(Duration timeout) {
        return new ReconcileSettings(lockWait, scope, apply, timeout, policy);
    }

    public ReconcileSettings withPolicy(AgentConfig.Policy newPolicy) {
        return new ReconcileSettings(lockWait, scope, apply, healthTimeout, newPolicy);
    }
}
