package dev.barge.plan;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.docker.ActualState;
import dev.barge.docker.ActualState.Container;
import dev.barge.docker.ReplicaLinks;
import dev.barge.select.NodeSlice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Computes the {@link Plan} for one node: pure, no I/O. Rules, per desired service:
 * <ul>
 * <li>no container: CREATE (new; or drift: missing when the last apply recorded one);</li>
 * <li>spec label equals the desired hash: NONE when running or a one-shot job that exited 0, else
 *     START (drift: stopped); REPLACE (image changed) when the image reference now names another
 *     local image;</li>
 * <li>spec label differs: REPLACE, with reason spec changed (and the attribute diffs from the
 *     container's applied label) when the label is what barge recorded, else drift: changed outside;</li>
 * <li>a dependency declared with {@code restart: true} is created or replaced: REPLACE (dependency replaced).</li>
 * </ul>
 * Stacks with {@code drift: detect} get NONE with the drift reason instead of a correction (a commit
 * that changes a service still replaces it). Barge containers no stack asks for are deleted (removed
 * from config), networks too; volumes are only reported unless {@link PlanOptions#removeVolumes()}. An
 * empty desired set with barge containers present is refused unless {@link PlanOptions#allowEmpty()}.
 * {@code actual} holds only what this barge owns ({@link dev.barge.docker.Ownership}); what carries
 * barge's labels without its proof is never changed, only listed in the plan's notes.
 */
public final class Planner {
    private final HashKey key;

    public Planner(HashKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * @throws BargeException REFUSED when no stack selects the node while barge containers run (and
     *                        not allowEmpty); BAD_INPUT for a depends_on cycle or unknown dependency,
     *                        or a stack name selected twice
     */
    public Plan plan(NodeSlice slice, ActualState actual, PriorState prior, PlanOptions options) {
        Objects.requireNonNull(slice, "slice");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(prior, "prior");
        Objects.requireNonNull(options, "options");
        String node = slice.node().name();
        if (slice.isEmpty() && !actual.containers().isEmpty() && !options.allowEmpty()) {
            throw new BargeException(Failure.REFUSED, "refusing to remove all " + actual.containers().size()
                    + " barge containers on node " + node + ": no deployment selects this node; check the config"
                    + " checkout and the node labels, or pass --allow-empty if removing them is intended");
        }
        SortedMap<String, StackSpec> stacks = stacksByName(slice, node);
        List<String> warnings = new ArrayList<>();
        stacks.values().forEach(stack -> warnings.addAll(stack.warnings()));
        Map<String, Map<String, List<Container>>> running = containersByStack(actual, warnings);
        ContainerDecision decision = new ContainerDecision(key, prior, images(actual), options.commit());
        ResourcePlanner resources = new ResourcePlanner(stacks, actual, key.owner(), options.removeVolumes());

        List<Change> changes = new ArrayList<>(resources.creates());
        List<Change> deletes = new ArrayList<>();
        for (StackSpec stack : stacks.values()) {
            Map<String, List<Container>> current = running.getOrDefault(stack.name(), new TreeMap<>());
            running.remove(stack.name());
            List<Container> leftover = new ArrayList<>();
            Map<String, ContainerChange> decided = new HashMap<>();
            for (String name : DependencyOrder.strict(stack.name(), dependencies(stack))) {
                List<Container> all = current.remove(name);
                for (ServiceSpec service : replicas(stack, stack.project().services().get(name))) {
                List<Container> found = ofReplica(all, service, stack, leftover);
                String wanted = service.containerName(stack.name());
                Container parked = parked(found, wanted);
                ContainerChange change;
                if (parked != null) {
                    // an apply died during this service's replace: the parked container is the last one that
                    // passed a health gate, the one holding the name never finished its own; replace again
                    Container unverified = found.stream().filter(c -> c.name().equals(wanted)).findFirst().orElse(null);
                    found.stream().filter(c -> c != parked && c != unverified).forEach(leftover::add);
                    if (unverified != null) {
                        changes.add(new ContainerChange(Address.container(stack.name(), name), Action.DELETE,
                                new Reason.InterruptedReplace(parked.name()), List.of(), unverified.name(), unverified.id(),
                                null, null, null, Map.of()));
                    }
                    change = decision.resumeReplace(stack, service, parked);
                } else {
                    change = decision.decide(stack, service, pick(found, wanted, leftover));
                }
                String restarted = ContainerDecision.restartTarget(service, decided);
                if (restarted != null && change.action() == Action.NONE && change.reason() instanceof Reason.InSync) {
                    change = decision.dependencyReplaced(change, restarted);
                }
                decided.put(name, change);
                changes.add(change);
                }
            }
            current.values().forEach(leftover::addAll);
            deletes.addAll(deletesOf(stack.name(), leftover, decided));
        }
        running.forEach((stack, current) -> {
            List<Container> all = new ArrayList<>();
            current.values().forEach(all::addAll);
            deletes.addAll(deletesOf(stack, all, Map.of()));
        });
        changes.addAll(deletes);
        changes.addAll(resources.removals(warnings));
        return Plan.of(node, options.commit(), prior.appliedCommit(), changes, warnings,
                OwnershipNotes.of(actual, changes));
    }

    private static SortedMap<String, StackSpec> stacksByName(NodeSlice slice, String node) {
        SortedMap<String, StackSpec> stacks = new TreeMap<>();
        for (NodeSlice.Selected selected : slice.stacks()) {
            StackSpec stack = selected.stack();
            StackSpec twice = stacks.put(stack.name(), stack);
            if (twice != null) {
                throw BargeException.badInput("stack " + stack.name() + " is selected twice for node " + node
                        + ", by deployments " + twice.deployment() + " and " + stack.deployment()
                        + "; rename one of the stacks or narrow one deployment's match");
            }
        }
        return stacks;
    }

    /** Each service's dependencies; an unknown required one is an error, an unknown optional one is ignored. */
    private static Map<String, Set<String>> dependencies(StackSpec stack) {
        Map<String, ServiceSpec> services = stack.project().services();
        Map<String, Set<String>> graph = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            Set<String> deps = new TreeSet<>();
            service.dependsOn().forEach((dep, how) -> {
                if (services.containsKey(dep)) {
                    deps.add(dep);
                } else if (how.required()) {
                    throw BargeException.badInput("stack " + stack.name() + ": service " + name + " depends on "
                            + dep + ", which the stack does not define; add the service or remove the dependency");
                }
            });
            graph.put(name, deps);
        });
        return graph;
    }

    /** stack → service → its containers (sorted by name); containers without both labels are left alone. */
    private static Map<String, Map<String, List<Container>>> containersByStack(ActualState actual, List<String> warnings) {
        Map<String, Map<String, List<Container>>> byStack = new TreeMap<>();
        actual.containers().stream().sorted(Comparator.comparing(Container::name)).forEach(c -> {
            if (c.stack() == null || c.service() == null) {
                warnings.add("container " + c.name() + " is marked as barge's but has no stack or service label;"
                        + " barge leaves it alone: remove it by hand if it is not needed");
                return;
            }
            byStack.computeIfAbsent(c.stack(), s -> new TreeMap<>())
                    .computeIfAbsent(c.service(), s -> new ArrayList<>()).add(c);
        });
        return byStack;
    }

    private static Map<String, ActualState.Image> images(ActualState actual) {
        Map<String, ActualState.Image> images = new HashMap<>();
        actual.images().forEach(i -> images.putIfAbsent(i.ref(), i));
        return images;
    }

    /**
     * One spec per container of the service: itself, or with {@code deploy.replicas: N} one named
     * {@code <stack>-<service>-<i>} for i in 1..N, as Compose names them, each answering to the aliases
     * other services link to it by (see {@link ReplicaLinks}).
     */
    private static List<ServiceSpec> replicas(StackSpec stack, ServiceSpec service) {
        int n = service.engine().replicas();
        if (n == 1) {
            return List.of(service);
        }
        List<ServiceSpec> specs = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            specs.add(ReplicaLinks.withLinkAliases(stack, service.withContainerName(stack.name() + "-" + service.name() + "-" + i)));
        }
        return specs;
    }

    /**
     * The containers of {@code all} that are this replica's (its name, or parked under it); with one
     * replica, all of them (the planner picks one and deletes the others). Containers of no replica go
     * to {@code leftover} with the last replica.
     */
    private static List<Container> ofReplica(List<Container> all, ServiceSpec replica, StackSpec stack,
                                             List<Container> leftover) {
        if (all == null || replica.engine().replicas() == 1) {
            return all;
        }
        String wanted = replica.containerName(stack.name());
        List<Container> mine = all.stream().filter(c -> c.name().equals(wanted)
                || c.name().equals(wanted + ContainerChange.PARKED_SUFFIX)).toList();
        if (wanted.endsWith("-" + replica.engine().replicas())) {
            String prefix = stack.name() + "-" + replica.name() + "-";
            all.stream().filter(c -> !replicaName(c.name(), prefix, replica.engine().replicas())).forEach(leftover::add);
        }
        return new ArrayList<>(mine);
    }

    private static boolean replicaName(String name, String prefix, int replicas) {
        String base = name.endsWith(ContainerChange.PARKED_SUFFIX)
                ? name.substring(0, name.length() - ContainerChange.PARKED_SUFFIX.length()) : name;
        if (!base.startsWith(prefix)) {
            return false;
        }
        try {
            int i = Integer.parseInt(base.substring(prefix.length()));
            return i >= 1 && i <= replicas;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The service's container parked by a replace that never finished ({@code <name>-barge-old}), or null. */
    private static Container parked(List<Container> found, String wantedName) {
        if (found == null) {
            return null;
        }
        return found.stream().filter(c -> c.name().equals(wantedName + ContainerChange.PARKED_SUFFIX)).findFirst()
                .orElse(null);
    }

    /**
     * The container that runs the service: the one with the desired name, else a running one, else the
     * first by name. Any other goes to {@code leftover} and is deleted as a duplicate.
     */
    private static Container pick(List<Container> found, String wantedName, List<Container> leftover) {
        if (found == null || found.isEmpty()) {
            return null;
        }
        Container kept = found.stream().filter(c -> c.name().equals(wantedName)).findFirst()
                .or(() -> found.stream().filter(Container::running).findFirst())
                .orElse(found.get(0));
        found.stream().filter(c -> c != kept).forEach(leftover::add);
        return kept;
    }

    /**
     * Deletes of a stack's containers, dependents first. Their dependencies come from the depends_on
     * label barge wrote when it created them, since the config no longer has them.
     */
    private static List<Change> deletesOf(String stack, List<Container> containers, Map<String, ContainerChange> kept) {
        Map<String, Container> byName = new TreeMap<>();
        containers.forEach(c -> byName.put(c.name(), c));
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Container c : byName.values()) {
            Set<String> services = Set.of(c.labels().getOrDefault(BargeLabels.DEPENDS_ON, "").split(","));
            graph.put(c.name(), byName.values().stream().filter(d -> services.contains(d.service()) && d != c)
                    .map(Container::name).collect(Collectors.toCollection(TreeSet::new)));
        }
        List<String> order = new ArrayList<>(DependencyOrder.lenient(graph));
        java.util.Collections.reverse(order);
        List<Change> deletes = new ArrayList<>();
        for (String name : order) {
            Container c = byName.get(name);
            ContainerChange keeper = kept.get(c.service());
            Reason reason = keeper != null ? new Reason.Duplicate(keeper.containerName()) : new Reason.RemovedFromConfig();
            deletes.add(new ContainerChange(Address.container(stack, c.service()), Action.DELETE, reason, List.of(),
                    c.name(), c.id(), null, null, null, Map.of()));
        }
        return deletes;
    }
}
