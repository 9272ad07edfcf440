package dev.barge.apply;

import dev.barge.BargeException;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.docker.ActualState;
import dev.barge.docker.ContainerRequest;
import dev.barge.docker.ContainerRequests;
import dev.barge.docker.ContainerStatus;
import dev.barge.docker.DockerGateway;
import dev.barge.plan.ContainerChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Carries out one container change. A change that fails leaves the engine as it found it where it
 * can: a new container that failed its gate is removed, a replaced one is put back and started.
 */
final class ContainerSteps {

    static final int LOG_LINES = 20;
    /** The old container's name while its replacement is tried, so the new one can take the name. */
    static final String PARKED_SUFFIX = ContainerChange.PARKED_SUFFIX;
    /** The start of a replacement's name until the old container gives up the service's name. */
    static final String NEW_SUFFIX = "-barge-new-";

    private final DockerGateway gateway;
    private final ApplyOptions options;
    private final HealthGate gate;
    private final DependencyWait dependencies;
    private final SecretFiles secrets;
    private final RepoTrees repoFiles;

    ContainerSteps(DockerGateway gateway, ApplyOptions options, SecretFiles secrets) {
        this.gateway = gateway;
        this.options = options;
        this.secrets = secrets;
        this.repoFiles = RepoTrees.besideSecrets(secrets);
        this.gate = new HealthGate(gateway, options.pollInterval());
        this.dependencies = new DependencyWait(gateway, options.pollInterval());
    }

    /** @return how it went ({@code healthy in 2.1s}), or empty; @throws ChangeFailure when it did not */
    String apply(ContainerChange c) {
        return switch (c.action()) {
            case CREATE -> create(c);
            case REPLACE -> replace(c);
            case START -> start(c);
            case DELETE -> delete(c);
            case NONE -> "unchanged";
        };
    }

    private String create(ContainerChange c) {
        dependencies.await(c.stack(), c.service(), healthTimeout(c.stack()));
        SecretFiles.Written files = secrets.write(c.containerName(), c.specHash(), c.service());
        String id;
        try {
            id = gateway.createContainer(request(c, files, Map.of()));
        } catch (BargeException e) {
            throw undone(e, files);
        }
        try {
            return startNew(c, id);
        } catch (BargeException e) {
            List<String> logs = tail(id);
            String undo = attempt(() -> gateway.remove(id, true), "the new container was removed",
                    "removing the new container failed");
            throw new ChangeFailure(e, c.address() + " failed" + what(e) + "; " + undo + dropped(files), logs);
        }
    }

    private String replace(ContainerChange c) {
        dependencies.await(c.stack(), c.service(), healthTimeout(c.stack()));
        // before the old container is touched: a secret that cannot be written leaves it running
        SecretFiles.Written files = secrets.write(c.containerName(), c.specHash(), c.service());
        ContainerStatus old;
        try {
            old = gateway.inspect(c.currentId());
        } catch (BargeException e) {
            throw undone(e, files);
        }
        // a replace that an apply died in is carried out again from the container it parked (plan:
        // interrupted replace); that apply had stopped it, so a failed gate starts it again
        boolean resumed = old.name().endsWith(PARKED_SUFFIX);
        String name = resumed ? old.name().substring(0, old.name().length() - PARKED_SUFFIX.length()) : old.name();
        boolean wasRunning = old.running() || resumed;
        // the new container is made (its config copied in) while the old one still runs, under a name of
        // its own until the old one gives up the real one: the service is down for a stop and a start only;
        // it gets the old one's anonymous volumes, as Compose's replace does
        String newId = null;
        try {
            Map<String, String> inherited = gateway.anonymousVolumes(old.id());
            newId = gateway.createContainer(request(c, files, inherited).withName(temporaryName(name)));
            gateway.copyFiles(newId, c.service().configs());
        } catch (BargeException e) {
            throw new ChangeFailure(e, c.address() + " failed: " + e.getMessage() + "; the old container was not touched"
                    + dropNew(newId) + dropped(files), List.of());
        }
        if (!resumed && old.running() && startFirst(c.service())) {
            return startFirst(c, old, name, newId, files);
        }
        try {
            gateway.stop(old.id(), stopTimeout(c.service()));
            if (!resumed) {
                // a container that holds the name already is not this barge's (the plan would have resumed
                // from its own): the rename fails and the old container runs again, the other is left alone
                gateway.rename(old.id(), name + PARKED_SUFFIX);
            }
        } catch (BargeException e) {
            String undo = wasRunning ? attempt(() -> gateway.start(old.id()), "the old container runs again",
                    "starting the old container again failed") : "the old container was left as it was";
            throw new ChangeFailure(e, c.address() + " failed: " + e.getMessage() + "; " + undo + dropNew(newId)
                    + dropped(files), List.of());
        }
        String how;
        try {
            gateway.rename(newId, name);
            gateway.start(newId);
            how = gateOf(c, newId);
        } catch (BargeException e) {
            List<String> logs = tail(newId);
            String undo = restore(newId, old, name, wasRunning);
            throw new ChangeFailure(e, c.address() + " failed" + what(e) + "; " + undo + dropped(files), logs);
        }
        return how + retire(c, old, name + PARKED_SUFFIX, files);
    }

    /**
     * {@code update_config.order: start-first}: the new container runs and passes its gate next to the
     * old one, which stops only then, so the service is never down. A new one that fails is removed and
     * the old one was never touched.
     */
    private String startFirst(ContainerChange c, ContainerStatus old, String name, String newId,
                              SecretFiles.Written files) {
        String how;
        try {
            gateway.start(newId);
            how = gateOf(c, newId);
        } catch (BargeException e) {
            List<String> logs = tail(newId);
            String undo = attempt(() -> gateway.remove(newId, true), "the new container was removed; the old one"
                    + " kept running", "removing the new container failed (the old one kept running)");
            throw new ChangeFailure(e, c.address() + " failed" + what(e) + "; " + undo + dropped(files), logs);
        }
        try {
            gateway.stop(old.id(), stopTimeout(c.service()));
            gateway.remove(old.id(), false);
            gateway.rename(newId, name);
        } catch (BargeException e) {
            String undo = attempt(() -> gateway.remove(newId, true), "the new container was removed",
                    "removing the new container failed");
            throw new ChangeFailure(e, c.address() + " failed after its new container passed its gate: " + e.getMessage()
                    + "; " + undo + ": check with docker ps -a and apply again", List.of());
        }
        return how + ", started first" + secrets.removeGenerations(c.containerName(), files.dir()).map(p -> "; " + p)
                .orElse("");
    }

    /** Removes the replaced container; its anonymous volumes stay (apply removes no volume the plan does not list). */
    private String retire(ContainerChange c, ContainerStatus old, String parked, SecretFiles.Written files) {
        String removed = attempt(() -> gateway.remove(old.id(), false), "",
                "; removing the old container " + parked + " failed (the next apply deletes it)");
        if (!removed.isEmpty()) {
            return removed; // its secret files stay while it exists
        }
        return secrets.removeGenerations(c.containerName(), files.dir()).map(p -> "; " + p).orElse("");
    }

    /** A name no container has, for a replacement while the old container holds the real one. */
    static String temporaryName(String name) {
        return name + NEW_SUFFIX + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
    }

    static boolean startFirst(ServiceSpec service) {
        return service.execution() != null && service.execution().startFirst();
    }

    /** Removes a new container that will not be used; says so only when that fails. */
    private String dropNew(String newId) {
        if (newId == null) {
            return "";
        }
        return attempt(() -> gateway.remove(newId, true), "", "; removing the new container failed: check with docker ps -a");
    }

    private String start(ContainerChange c) {
        dependencies.await(c.stack(), c.service(), healthTimeout(c.stack()));
        ContainerStatus before = gateway.inspect(c.currentId());
        String note = "";
        if (before.status() == ActualState.Status.PAUSED) {
            // the engine cannot start a paused container; stopping it works and leaves it ready to start
            gateway.stop(before.id(), stopTimeout(c.service()));
            note = ", it was paused";
        }
        // a reboot empties the tmpfs: the same spec hash names the same paths the container binds
        secrets.write(c.containerName(), c.specHash(), c.service());
        gateway.start(before.id());
        try {
            return gateOf(c, before.id()) + note;
        } catch (BargeException e) {
            List<String> logs = tail(before.id());
            String undo = attempt(() -> gateway.stop(before.id(), stopTimeout(c.service())), "it was stopped again",
                    "stopping it again failed");
            throw new ChangeFailure(e, c.address() + " failed" + what(e) + "; " + undo, logs);
        }
    }

    private String delete(ContainerChange c) {
        gateway.stop(c.currentId(), options.stopTimeout());
        // its anonymous volumes go with it, as Compose's down -v: a replacement it handed one to holds it by name
        Map<String, String> anonymous = gateway.anonymousVolumes(c.currentId());
        gateway.remove(c.currentId(), true);
        List<String> kept = new ArrayList<>();
        anonymous.forEach((target, volume) -> collect(() -> gateway.removeVolume(volume), target, kept));
        String secretFiles = secrets.removeGenerations(c.containerName(), null).orElse("");
        if (kept.isEmpty()) {
            return secretFiles;
        }
        String volumes = "its anonymous volumes at " + kept.stream().map(k -> k.substring(0, k.indexOf(':'))).toList()
                + " are still in use and stay";
        return secretFiles.isEmpty() ? volumes : secretFiles + "; " + volumes;
    }

    /** The request, with the repo files it binds written and the replaced container's anonymous volumes. */
    private ContainerRequest request(ContainerChange c, SecretFiles.Written files, Map<String, String> inherited) {
        ServiceSpec service = repoFiles.materialise(c.stack().name(), c.service());
        return ContainerRequests.of(c.stack(), service, c.labels()).withExtraMounts(files.binds())
                .withInheritedVolumes(inherited);
    }


    /** Removes secret files this change wrote for a container that is gone again; says so only when that fails. */
    private String dropped(SecretFiles.Written files) {
        return files.created() ? secrets.remove(files.dir()).map(p -> "; " + p).orElse("") : "";
    }

    /** {@code e}, with a note when removing the secret files written for it failed too. */
    private BargeException undone(BargeException e, SecretFiles.Written files) {
        String undo = dropped(files);
        return undo.isEmpty() ? e : new BargeException(e.failure(), e.getMessage() + undo, e);
    }

    private String startNew(ContainerChange c, String id) {
        // configs only: the engine would write secrets into the container's layer on disk
        gateway.copyFiles(id, c.service().configs());
        gateway.start(id);
        return gateOf(c, id);
    }

    private String gateOf(ContainerChange c, String id) {
        int restarts = gateway.inspect(id).restartCount();
        Duration settle = c.stack().healthSettle() != null ? c.stack().healthSettle() : options.settleTime();
        GateRule rule = new GateRule(GateRule.kindOf(c.stack(), c.service()), settle, healthTimeout(c.stack()), restarts);
        return gate.await(id, rule);
    }

    /** Puts the old container back under {@code name}, running if it ran; says how that went. */
    private String restore(String newId, ContainerStatus old, String name, boolean wasRunning) {
        List<String> problems = new ArrayList<>();
        if (newId != null) {
            collect(() -> gateway.remove(newId, true), "removing the new container", problems);
        }
        collect(() -> gateway.rename(old.id(), name), "renaming the old container back to " + name, problems);
        if (wasRunning) {
            collect(() -> gateway.start(old.id()), "starting the old container", problems);
        }
        if (!problems.isEmpty()) {
            return "restoring the old container failed: " + String.join("; ", problems)
                    + ": check with docker ps -a and start " + name + " by hand";
        }
        return wasRunning ? "the old container runs again" : "the old container is back (it was not running)";
    }

    /** {@code " its health gate: exited with code 3"} or {@code ": <engine message>"}. */
    private static String what(BargeException e) {
        return e instanceof GateFailure g ? " its health gate: " + g.check() : ": " + e.getMessage();
    }

    private List<String> tail(String id) {
        try {
            return gateway.logs(id, LOG_LINES);
        } catch (BargeException e) {
            return List.of("(its logs could not be read: " + e.getMessage() + ")");
        }
    }

    private static String attempt(Runnable step, String done, String failed) {
        try {
            step.run();
            return done;
        } catch (BargeException e) {
            return failed + ": " + e.getMessage();
        }
    }

    private static void collect(Runnable step, String what, List<String> problems) {
        try {
            step.run();
        } catch (BargeException e) {
            problems.add(what + ": " + e.getMessage());
        }
    }

    static Duration healthTimeout(StackSpec stack) {
        return stack.healthTimeout() != null ? stack.healthTimeout() : StackSpec.DEFAULT_HEALTH_TIMEOUT;
    }

    private Duration stopTimeout(ServiceSpec service) {
        Duration grace = service.execution() == null ? null : service.execution().stopGracePeriod();
        return grace != null ? grace : options.stopTimeout();
    }
}
