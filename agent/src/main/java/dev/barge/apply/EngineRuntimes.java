package dev.barge.apply;

import dev.barge.BargeException;
import dev.barge.docker.DockerGateway;
import dev.barge.plan.Action;
import dev.barge.plan.ContainerChange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@code runtime:} the engine does not have fails its stack before anything of it is touched: the engine
 * would refuse only the create, after the old container was stopped. The host's policy on runtimes is
 * {@code PolicyCheck}'s; this is about what the engine has installed.
 */
final class EngineRuntimes {

    private EngineRuntimes() {
    }

    /** Stack to the refusal of its first service asking a runtime the engine lacks; empty when the engine cannot say. */
    static Map<String, BargeException> refusals(DockerGateway gateway, List<ContainerChange> changes) {
        Map<String, BargeException> refused = new TreeMap<>();
        List<ContainerChange> asking = changes.stream().filter(c -> c.service() != null
                && c.service().engine().runtime() != null
                && (c.action() == Action.CREATE || c.action() == Action.REPLACE)).toList();
        if (asking.isEmpty()) {
            return refused;
        }
        Optional<Set<String>> known;
        try {
            known = gateway.runtimes();
        } catch (BargeException e) {
            // an engine that does not answer fails each stack on its own first step, as before
            return refused;
        }
        if (known.isEmpty()) {
            return refused;
        }
        for (ContainerChange c : asking) {
            String runtime = c.service().engine().runtime();
            if (!known.get().contains(runtime)) {
                refused.putIfAbsent(c.address().stack(), BargeException.badInput(c.address()
                        + ": asks for runtime " + runtime + ", which this Docker engine does not have (it has "
                        + String.join(", ", new TreeSet<>(known.get())) + "): register it in the engine's daemon.json,"
                        + " or remove runtime: from the service; nothing of stack " + c.address().stack() + " was changed"));
            }
        }
        return refused;
    }
}
