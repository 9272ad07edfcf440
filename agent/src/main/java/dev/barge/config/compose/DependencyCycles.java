package dev.barge.config.compose;

import dev.barge.config.model.ServiceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reports every depends_on cycle once, at the depends_on of the service where it was found. */
final class DependencyCycles {
    private enum State { VISITING, DONE }

    private final Map<String, ServiceSpec> services;
    private final Map<String, Node> nodes;
    private final Map<String, State> state = new HashMap<>();
    private final List<String> path = new ArrayList<>();
    private final Set<Set<String>> reported = new HashSet<>();

    private DependencyCycles(Map<String, ServiceSpec> services, Map<String, Node> nodes) {
        this.services = services;
        this.nodes = nodes;
    }

    static void report(Map<String, ServiceSpec> services, Map<String, Node> nodes) {
        DependencyCycles cycles = new DependencyCycles(services, nodes);
        new TreeSet<>(services.keySet()).forEach(cycles::visit);
    }

    private void visit(String service) {
        if (state.get(service) == State.DONE) {
            return;
        }
        state.put(service, State.VISITING);
        path.add(service);
        ServiceSpec spec = services.get(service);
        for (String dependency : spec == null ? Set.<String>of() : spec.dependsOn().keySet()) {
            if (state.get(dependency) == State.VISITING) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(dependency), path.size()));
                if (reported.add(new HashSet<>(cycle))) {
                    cycle.add(dependency);
                    nodes.get(service).child("depends_on").report("dependency cycle " + String.join(" -> ", cycle)
                            + "; remove one of these depends_on entries");
                }
            } else if (services.containsKey(dependency)) {
                visit(dependency);
            }
        }
        path.remove(path.size() - 1);
        state.put(service, State.DONE);
    }
}
