package dev.barge.plan;

import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.docker.ActualState.Container;
import dev.barge.docker.ActualState.Image;
import dev.barge.docker.ActualState.Status;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;

/** The action for one desired service given the container that runs it (if any): the planner's rules. */
final class ContainerDecision {
    private final HashKey key;
    private final PriorState prior;
    private final Map<String, Image> imageByRef;
    private final String commit;

    ContainerDecision(HashKey key, PriorState prior, Map<String, Image> imageByRef, String commit) {
        this.key = key;
        this.prior = prior;
        this.imageByRef = imageByRef;
        this.commit = commit;
    }

    ContainerChange decide(StackSpec stack, ServiceSpec service, Container current) {
        CanonicalSpec desired = CanonicalSpec.of(stack, service, key);
        boolean detect = stack.drift() == StackSpec.Drift.DETECT;
        if (current == null) {
            boolean barge = prior.recordedHash(service.containerName(stack.name())) != null;
            if (barge && detect) {
                return none(stack, service, desired, null, new Reason.DriftMissing());
            }
            return build(Action.CREATE, stack, service, desired, null, barge ? new Reason.DriftMissing() : new Reason.New(),
                    desired.diffFrom(Map.of()));
        }
        if (desired.hash().equals(current.specHash())) {
            return sameSpec(stack, service, desired, current, detect);
        }
        Optional<Map<String, String>> applied = CanonicalSpec.fromLabel(current.labels().get(BargeLabels.APPLIED))
                .filter(m -> CanonicalSpec.hashOf(m).equals(current.specHash()));
        List<AttributeDiff> diffs = applied.map(desired::diffFrom).orElse(List.of());
        Reason specChanged = new Reason.SpecChanged(diffs.stream().map(AttributeDiff::path).toList());
        String recorded = prior.recordedHash(current.name());
        // the record is authoritative; without one, a label set that does not hash to itself was not written by barge
        boolean outside = recorded != null ? !recorded.equals(current.specHash()) : applied.isEmpty();
        if (!outside) {
            return build(Action.REPLACE, stack, service, desired, current, specChanged, diffs);
        }
        if (!detect) {
            return build(Action.REPLACE, stack, service, desired, current, new Reason.DriftChangedOutside(), diffs);
        }
        if (recorded != null && !recorded.equals(desired.hash())) {
            // a commit changed the service as well: the config change is applied even under drift: detect
            return build(Action.REPLACE, stack, service, desired, current, specChanged, diffs);
        }
        return none(stack, service, desired, current, new Reason.DriftChangedOutside(), diffs);
    }

    /**
     * The replace an apply died in, carried out again from the container it parked, whatever its spec:
     * the gate decides, and a failure puts the parked container back under its name.
     */
    ContainerChange resumeReplace(StackSpec stack, ServiceSpec service, Container parked) {
        CanonicalSpec desired = CanonicalSpec.of(stack, service, key);
        List<AttributeDiff> diffs = CanonicalSpec.fromLabel(parked.labels().get(BargeLabels.APPLIED))
                .filter(m -> CanonicalSpec.hashOf(m).equals(parked.specHash())).map(desired::diffFrom).orElse(List.of());
        return build(Action.REPLACE, stack, service, desired, parked, new Reason.InterruptedReplace(parked.name()), diffs);
    }

    /** The dependent of a created or replaced service, recreated because it asked for {@code restart: true}. */
    ContainerChange dependencyReplaced(ContainerChange inSync, String dependency) {
        CanonicalSpec desired = CanonicalSpec.of(inSync.stack(), inSync.service(), key);
        return new ContainerChange(inSync.address(), Action.REPLACE, new Reason.DependencyReplaced(dependency), List.of(),
                inSync.containerName(), inSync.currentId(), inSync.stack(), inSync.service(), desired.hash(),
                BargeLabels.forContainer(inSync.stack(), inSync.service(), desired, commit, key.owner()));
    }

    static String restartTarget(ServiceSpec service, Map<String, ContainerChange> decided) {
        for (Entry<String, ServiceSpec.Dependency> dep : service.dependsOn().entrySet()) {
            ContainerChange target = decided.get(dep.getKey());
            if (dep.getValue().restart() && target != null
                    && (target.action() == Action.CREATE || target.action() == Action.REPLACE)) {
                return dep.getKey();
            }
        }
        return null;
    }

    private ContainerChange sameSpec(StackSpec stack, ServiceSpec service, CanonicalSpec desired, Container current,
                                     boolean detect) {
        Image local = imageByRef.get(service.image());
        // a local image for another platform than the service asks is not what it would run: Compose pulls
        // the right one over it before comparing, so it says nothing about the running container
        String wantedImage = local == null || !local.runsOn(service.engine().platform()) ? null : local.id();
        if (wantedImage != null && current.imageId() != null && !wantedImage.equals(current.imageId())) {
            // not drift: the reference the config names now resolves to another image (a pull), so it rolls forward
            return build(Action.REPLACE, stack, service, desired, current,
                    new Reason.ImageChanged(current.imageId(), wantedImage), List.of());
        }
        if (current.running() || completedJob(service, current)) {
            return none(stack, service, desired, current, new Reason.InSync());
        }
        Reason stopped = new Reason.DriftStopped(state(current));
        if (detect) {
            return none(stack, service, desired, current, stopped);
        }
        if (current.status() == Status.DEAD || current.status() == Status.REMOVING || current.status() == Status.CREATED) {
            // the engine cannot start the first two again; a created one never ran: an apply died before
            // starting it, perhaps before its config and secret files were put in, so it is made afresh
            return build(Action.REPLACE, stack, service, desired, current, stopped, List.of());
        }
        return new ContainerChange(Address.container(stack.name(), service.name()), Action.START, stopped, List.of(),
                current.name(), current.id(), stack, service, desired.hash(), Map.of());
    }

    /** A one-shot job that ran to success and that Docker would not restart either. */
    private static boolean completedJob(ServiceSpec service, Container current) {
        String restart = service.restart();
        boolean oneShot = restart == null || restart.equals("no") || restart.startsWith("on-failure");
        return oneShot && current.status() == Status.EXITED && Integer.valueOf(0).equals(current.exitCode());
    }

    private static String state(Container c) {
        String status = c.status().name().toLowerCase(Locale.ROOT);
        return c.status() == Status.EXITED && c.exitCode() != null ? status + " (" + c.exitCode() + ")" : status;
    }

    private ContainerChange build(Action action, StackSpec stack, ServiceSpec service, CanonicalSpec desired,
                                  Container current, Reason reason, List<AttributeDiff> diffs) {
        return new ContainerChange(Address.container(stack.name(), service.name()), action, reason, diffs,
                service.containerName(stack.name()), current == null ? null : current.id(), stack, service,
                desired.hash(), BargeLabels.forContainer(stack, service, desired, commit, key.owner()));
    }

    private static ContainerChange none(StackSpec stack, ServiceSpec service, CanonicalSpec desired, Container current,
                                        Reason reason) {
        return none(stack, service, desired, current, reason, List.of());
    }

    private static ContainerChange none(StackSpec stack, ServiceSpec service, CanonicalSpec desired, Container current,
                                        Reason reason, List<AttributeDiff> diffs) {
        return new ContainerChange(Address.container(stack.name(), service.name()), Action.NONE, reason, diffs,
                current == null ? service.containerName(stack.name()) : current.name(),
                current == null ? null : current.id(), stack, service, desired.hash(), Map.of());
    }
}
