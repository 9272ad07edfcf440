package dev.barge.plan;

import dev.barge.config.model.ComposeProject;
import dev.barge.config.model.NetworkSpec;
import dev.barge.config.model.Origin;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.config.model.VolumeSpec;
import dev.barge.docker.ActualState;
import dev.barge.docker.ActualState.Container;
import dev.barge.docker.ActualState.Status;
import dev.barge.docker.OwnershipLabels;
import dev.barge.select.NodeIdentity;
import dev.barge.select.NodeSlice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Stacks, slices and engine states for planner and view tests. */
public final class Fixtures {
    public static final String OLD_COMMIT = "0f9e8d7c6b5a49382716051423324150617283a9";
    public static final String COMMIT = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
    public static final String IMAGE_ID = "sha256:" + "a1".repeat(32);
    public static final String NEW_IMAGE_ID = "sha256:" + "b2".repeat(32);
    public static final HashKey KEY = HashKey.of(bytes());

    private Fixtures() {
    }

    private static byte[] bytes() {
        byte[] b = new byte[32];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    public static StackSpec stack(String name, ServiceSpec... services) {
        return stack(name, StackSpec.Drift.CORRECT, List.of(), services);
    }

    public static StackSpec stack(String name, StackSpec.Drift drift, List<String> volumes, ServiceSpec... services) {
        Map<String, ServiceSpec> byName = new HashMap<>();
        Arrays.stream(services).forEach(s -> byName.put(s.name(), s));
        Map<String, VolumeSpec> vols = new HashMap<>();
        volumes.forEach(v -> vols.put(v, new VolumeSpec(v, name + "_" + v, null, false, Map.of(), Map.of())));
        Map<String, NetworkSpec> nets = new HashMap<>();
        return new StackSpec(name, "mars", "stacks/" + name + "/compose.yaml", new ComposeProject(byName, nets, vols),
                drift, StackSpec.DEFAULT_HEALTH_TIMEOUT, new Origin("deployments/mars.yaml", 3));
    }

    public static NodeSlice slice(StackSpec... stacks) {
        return new NodeSlice(new NodeIdentity("vm-1", Map.of("client", "earth")),
                Arrays.stream(stacks).map(s -> new NodeSlice.Selected(s, "client=earth")).toList(), List.of());
    }

    /** The running container barge would have created for the service at {@link #OLD_COMMIT}. */
    public static Container running(StackSpec stack, ServiceSpec service) {
        Map<String, String> labels = BargeLabels.labelsFor(stack, service, OLD_COMMIT, KEY);
        String name = service.containerName(stack.name());
        return new Container("id-" + name, name, stack.name(), service.name(), stack.deployment(),
                labels.get(OwnershipLabels.SPEC), OLD_COMMIT, service.image(), IMAGE_ID, Status.RUNNING, null, 0, null,
                labels);
    }

    public static Container with(Container c, Status status, Integer exitCode) {
        return new Container(c.id(), c.name(), c.stack(), c.service(), c.deployment(), c.specHash(), c.commit(),
                c.imageRef(), c.imageId(), status, c.health(), c.restartCount(), exitCode, c.labels());
    }

    public static Container renamed(Container c, String name) {
        return new Container("id-" + name, name, c.stack(), c.service(), c.deployment(), c.specHash(), c.commit(),
                c.imageRef(), c.imageId(), c.status(), c.health(), c.restartCount(), c.exitCode(), c.labels());
    }

    /** The container with some labels replaced (e.g. its spec hash, as if recreated by hand). */
    public static Container relabelled(Container c, UnaryOperator<Map<String, String>> change) {
        Map<String, String> labels = change.apply(new HashMap<>(c.labels()));
        return new Container(c.id(), c.name(), c.stack(), c.service(), c.deployment(), labels.get(OwnershipLabels.SPEC),
                c.commit(), c.imageRef(), c.imageId(), c.status(), c.health(), c.restartCount(), c.exitCode(), labels);
    }

    /** The engine running exactly these stacks, with their networks and volumes, as barge made them (with {@link #KEY}'s proof). */
    public static ActualState matching(StackSpec... stacks) {
        List<Container> containers = new ArrayList<>();
        List<ActualState.Network> networks = new ArrayList<>();
        List<ActualState.Volume> volumes = new ArrayList<>();
        List<ActualState.Image> images = new ArrayList<>();
        for (StackSpec stack : stacks) {
            stack.project().services().values().forEach(s -> containers.add(running(stack, s)));
            ResourcePlanner.desiredNetworks(stack).keySet().forEach(n -> networks.add(new ActualState.Network(
                    "net-" + n, n, stack.name(), Map.of(OwnershipLabels.STACK, stack.name(), OwnershipLabels.OWNER, KEY.owner()))));
            stack.project().volumes().values().forEach(v -> volumes.add(new ActualState.Volume(v.name(), stack.name(),
                    Map.of(OwnershipLabels.STACK, stack.name(), OwnershipLabels.OWNER, KEY.owner()))));
            stack.project().services().values().stream().map(ServiceSpec::image).distinct()
                    .filter(ref -> images.stream().noneMatch(i -> i.ref().equals(ref)))
                    .forEach(ref -> images.add(new ActualState.Image(ref, IMAGE_ID, List.of())));
        }
        return new ActualState(containers, networks, volumes, images);
    }

    public static ActualState state(List<Container> containers, ActualState base) {
        return new ActualState(containers, base.networks(), base.volumes(), base.images());
    }

    /** What barge recorded after creating these containers. */
    public static PriorState recorded(Container... containers) {
        Map<String, String> hashes = new HashMap<>();
        Arrays.stream(containers).forEach(c -> hashes.put(c.name(), c.specHash()));
        return new PriorState(OLD_COMMIT, hashes);
    }

    public static Plan plan(NodeSlice slice, ActualState actual, PriorState prior) {
        return new Planner(KEY).plan(slice, actual, prior, new PlanOptions(COMMIT, false));
    }
}
