package dev.barge.reconcile;

import dev.barge.config.model.ComposeProject;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.select.NodeSlice;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rewrites the desired state before it is planned: the image digests recorded for a commit (so that
 * a rollback, and every apply while it pins the node, runs the very images that ran then, even when a
 * tag has moved since, and the plan shown says so), and the agent's default health timeout.
 */
public final class DigestPins {
    private DigestPins() {
    }

    /**
     * @param digests "stack/service" → repo digest ({@code name@sha256:...}) or image id ({@code sha256:...});
     *                services without one keep their reference
     */
    public static NodeSlice pin(NodeSlice slice, Map<String, String> digests) {
        if (digests.isEmpty()) {
            return slice;
        }
        return new NodeSlice(slice.node(), slice.stacks().stream().map(selected -> {
            StackSpec stack = selected.stack();
            Map<String, ServiceSpec> services = new LinkedHashMap<>();
            stack.project().services().forEach((name, service) -> {
                String digest = digests.get(stack.name() + "/" + name);
                services.put(name, digest == null ? service : service.withImage(digest));
            });
            ComposeProject project = new ComposeProject(services, stack.project().networks(), stack.project().volumes());
            return new NodeSlice.Selected(stack.withProject(project), selected.why());
        }).toList(), slice.rejected());
    }

    /** Stacks without their own {@code health_timeout} get {@code timeout}; null leaves the slice as it is. */
    static NodeSlice defaultHealthTimeout(NodeSlice slice, Duration timeout) {
        if (timeout == null) {
            return slice;
        }
        return new NodeSlice(slice.node(), slice.stacks().stream().map(selected -> {
            StackSpec s = selected.stack();
            return s.healthTimeout() != null ? selected : new NodeSlice.Selected(s.withHealthTimeout(timeout), selected.why());
        }).toList(), slice.rejected());
    }
}
