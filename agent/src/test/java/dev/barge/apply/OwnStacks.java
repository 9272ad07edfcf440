package dev.barge.apply;

import dev.barge.docker.ActualState;
import dev.barge.docker.DockerGateway;
import java.util.Set;

/** The clean-up the engine ITs of this package share: what carries their stack prefix, and nothing else. */
final class OwnStacks {
    private OwnStacks() {
    }

    /** Removes the containers, networks and volumes of stacks starting with {@code prefix}; never throws, so every step runs. */
    static void remove(DockerGateway gateway, String prefix) {
        ActualState all = gateway.observe(Set.of());
        all.containers().stream().filter(c -> ours(c.stack(), prefix)).forEach(c -> quietly(() -> gateway.remove(c.id(), true)));
        all.networks().stream().filter(n -> ours(n.stack(), prefix)).forEach(n -> quietly(() -> gateway.removeNetwork(n.id())));
        all.volumes().stream().filter(v -> ours(v.stack(), prefix)).forEach(v -> quietly(() -> gateway.removeVolume(v.name())));
    }

    private static boolean ours(String stack, String prefix) {
        return stack != null && stack.startsWith(prefix);
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // best effort: the next clean-up step must still run
        }
    }
}
