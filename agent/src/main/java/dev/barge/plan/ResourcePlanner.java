package dev.barge.plan;

import dev.barge.config.model.NetworkSpec;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.config.model.VolumeSpec;
import dev.barge.docker.ActualState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Networks and volumes: create what a desired stack declares and the engine lacks, delete barge
 * networks nobody declares, and report barge volumes nobody declares (delete them only when asked).
 * Every create and delete is a change in the plan, so apply does nothing to a network or volume that
 * the plan does not list. Attribute changes of an existing network or volume are not planned: the
 * engine cannot change them in place. {@code actual} holds only what this barge owns.
 */
final class ResourcePlanner {
    private final ActualState actual;
    private final String owner;
    private final boolean removeVolumes;
    private final Map<String, Owned<NetworkSpec>> networks = new LinkedHashMap<>();
    private final Map<String, Owned<VolumeSpec>> volumes = new LinkedHashMap<>();

    private record Owned<T>(StackSpec stack, T spec) {
    }

    ResourcePlanner(SortedMap<String, StackSpec> stacks, ActualState actual, String owner, boolean removeVolumes) {
        this.actual = actual;
        this.owner = owner;
        this.removeVolumes = removeVolumes;
        for (StackSpec stack : stacks.values()) {
            desiredNetworks(stack).forEach((name, spec) -> networks.putIfAbsent(name, new Owned<>(stack, spec)));
            stack.project().volumes().values().stream().filter(v -> !v.external())
                    .forEach(v -> volumes.putIfAbsent(engineName(stack, v.key(), v.name()), new Owned<>(stack, v)));
        }
    }

    /** Networks, then volumes, to create before any container; stacks in name order. */
    List<Change> creates() {
        Set<String> haveNetworks = new HashSet<>();
        actual.networks().forEach(n -> haveNetworks.add(n.name()));
        Set<String> haveVolumes = new HashSet<>();
        actual.volumes().forEach(v -> haveVolumes.add(v.name()));
        List<Change> changes = new ArrayList<>();
        networks.forEach((name, n) -> {
            if (!haveNetworks.contains(name)) {
                changes.add(new NetworkChange(Address.network(n.stack().name(), name), Action.CREATE, new Reason.New(),
                        n.spec(), null, BargeLabels.forNetwork(n.stack(), n.spec(), owner)));
            }
        });
        volumes.forEach((name, v) -> {
            if (!haveVolumes.contains(name)) {
                changes.add(new VolumeChange(Address.volume(v.stack().name(), name), Action.CREATE, new Reason.New(),
                        v.spec(), BargeLabels.forVolume(v.stack(), v.spec(), owner)));
            }
        });
        return changes;
    }

    /**
     * Barge networks to delete, then barge volumes to delete when asked, else kept (with a warning each);
     * after every container delete.
     */
    List<Change> removals(List<String> warnings) {
        List<Change> changes = new ArrayList<>();
        actual.networks().stream().filter(n -> !networks.containsKey(n.name()))
                .sorted(java.util.Comparator.comparing(ActualState.Network::name))
                .forEach(n -> changes.add(new NetworkChange(Address.network(stackOf(n.stack()), n.name()), Action.DELETE,
                        new Reason.RemovedFromConfig(), null, n.id(), Map.of())));
        actual.volumes().stream().filter(v -> !volumes.containsKey(v.name()))
                .sorted(java.util.Comparator.comparing(ActualState.Volume::name))
                .forEach(v -> {
                    Address address = Address.volume(stackOf(v.stack()), v.name());
                    if (removeVolumes) {
                        changes.add(new VolumeChange(address, Action.DELETE, new Reason.RemovedFromConfig(), null, Map.of()));
                        return;
                    }
                    changes.add(new VolumeChange(address, Action.NONE, new Reason.RemovedFromConfig(), null, Map.of()));
                    warnings.add("volume " + v.name() + " is no longer in the config and is kept (named volumes are"
                            + " never removed unless asked); remove it with `docker volume rm " + v.name()
                            + "` once its data is not needed");
                });
        return changes;
    }

    /**
     * The stack's own networks, plus {@code <stack>_default} when a service joins no network and has no
     * network_mode (Compose attaches those to the default network), unless declared already.
     */
    static SortedMap<String, NetworkSpec> desiredNetworks(StackSpec stack) {
        SortedMap<String, NetworkSpec> byName = new TreeMap<>();
        Map<String, NetworkSpec> declared = new HashMap<>(stack.project().networks());
        boolean usesDefault = stack.project().services().values().stream()
                .anyMatch(ResourcePlanner::joinsDefault);
        if (usesDefault && !declared.containsKey("default")) {
            declared.put("default", new NetworkSpec("default", stack.name() + "_default", null, false, false,
                    Map.of(), Map.of()));
        }
        declared.values().stream().filter(n -> !n.external())
                .forEach(n -> byName.put(engineName(stack, n.key(), n.name()), n));
        return byName;
    }

    private static boolean joinsDefault(ServiceSpec s) {
        return s.networkMode() == null && s.networks().isEmpty() || s.networks().containsKey("default");
    }

    private static String engineName(StackSpec stack, String key, String name) {
        return name != null ? name : stack.name() + "_" + key;
    }

    private static String stackOf(String stack) {
        return stack == null ? "" : stack;
    }
}
