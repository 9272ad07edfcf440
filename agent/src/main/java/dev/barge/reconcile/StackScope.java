package dev.barge.reconcile;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.docker.ActualState;
import dev.barge.select.NodeSlice;
import java.util.Objects;

/**
 * The stacks this barge sees and changes in the engine: all barge-owned ones (the default: one agent
 * owns the host), or, with a prefix ({@code BARGE_STACK_PREFIX}), only those whose names start with the prefix.
 * The prefix lets integration tests, or a second barge beside the host's agent, share one engine
 * without planning the other's containers as "removed from config".
 */
public record StackScope(String prefix) {

    /** The environment variable the CLI reads the prefix from; named in messages. */
    public static final String ENV = "BARGE_STACK_PREFIX";
    public static final StackScope ALL = new StackScope("");

    public StackScope {
        Objects.requireNonNull(prefix, "prefix");
    }

    /** The scope of {@code prefix}; blank is {@link #ALL}. */
    public static StackScope of(String prefix) {
        String p = prefix == null ? "" : prefix.strip();
        return p.isEmpty() ? ALL : new StackScope(p);
    }

    /** What is in scope of {@code actual}; objects without a stack label are out of a prefixed scope. */
    ActualState visible(ActualState actual) {
        if (prefix.isEmpty()) {
            return actual;
        }
        return new ActualState(
                actual.containers().stream().filter(c -> covers(c.stack())).toList(),
                actual.networks().stream().filter(n -> covers(n.stack())).toList(),
                actual.volumes().stream().filter(v -> covers(v.stack())).toList(),
                actual.images(),
                actual.unowned().stream().filter(u -> covers(u.stack())).toList(),
                actual.adopted().stream().filter(a -> covers(a.stack())).toList());
    }

    /** @throws BargeException USAGE when the node selects a stack outside the scope, which barge could not see */
    void check(NodeSlice slice) {
        for (NodeSlice.Selected selected : slice.stacks()) {
            String stack = selected.stack().name();
            if (!covers(stack)) {
                throw new BargeException(Failure.USAGE, "stack " + stack + " is outside " + ENV + "=" + prefix
                        + ", so barge cannot see its containers: unset " + ENV + " or rename the stack");
            }
        }
    }

    /** True for a stack this agent manages (every stack when there is no prefix). */
    public boolean covers(String stack) {
        return stack != null && stack.startsWith(prefix);
    }
}
