package dev.barge.apply;

import dev.barge.config.model.ComposeProject;
import dev.barge.config.model.NetworkSpec;
import dev.barge.config.model.Origin;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.config.model.VolumeSpec;
import dev.barge.plan.ServiceBuilder;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/** Stacks for the apply tests; services come from the shared {@link ServiceBuilder}. */
final class Services {
    private Services() {
    }

    static ServiceBuilder service(String name) {
        return ServiceBuilder.service(name);
    }

    /** A stack of deployment "it" with the named volumes {@code <stack>_<key>} and the given health timeout. */
    static StackSpec stack(String name, Duration healthTimeout, List<String> volumes, ServiceSpec... services) {
        Map<String, ServiceSpec> byName = new LinkedHashMap<>();
        Arrays.stream(services).forEach(s -> byName.put(s.name(), s));
        Map<String, VolumeSpec> vols = new LinkedHashMap<>();
        volumes.forEach(v -> vols.put(v, new VolumeSpec(v, name + "_" + v, null, false, Map.of(), Map.of())));
        Map<String, NetworkSpec> nets = Map.of();
        return new StackSpec(name, "it", "stacks/" + name + "/compose.yaml", new ComposeProject(byName, nets, vols),
                StackSpec.Drift.CORRECT, healthTimeout, new Origin("deployments/it.yaml", 1));
    }

    static StackSpec stack(String name, ServiceSpec... services) {
        return stack(name, Duration.ofSeconds(10), List.of(), services);
    }
}
