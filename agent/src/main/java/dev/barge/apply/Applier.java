package dev.barge.apply;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.apply.ApplyReport.ChangeResult;
import dev.barge.apply.ApplyReport.Outcome;
import dev.barge.apply.ApplyReport.StackResult;
import dev.barge.apply.ApplyReport.StackStatus;
import dev.barge.config.model.BargeSettings;
import dev.barge.docker.DockerGateway;
import dev.barge.plan.Change;
import dev.barge.plan.ContainerChange;
import dev.barge.plan.Plan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Executes a {@link Plan} (the same value {@code barge plan} shows) against the engine, and nothing
 * else. First every image a new container needs is got, before any running container is touched;
 * then the stacks are applied side by side, each on its own, so a failing stack does not stop the
 * others; at most {@link ApplyOptions#parallelism()} container changes run at a time. The host's
 * policy is checked by the caller before ({@link dev.barge.policy.PolicyCheck}).
 */
public final class Applier {

    private final DockerGateway gateway;
    private final RegistryLogins logins;
    private final ApplyOptions options;
    private final ApplyListener listener;
    private final SecretFiles secrets;

    /**
     * Without a secrets directory: a stack whose containers have {@code secrets:} is refused.
     *
     * @param registries the repo's registry logins ({@code barge.yaml registries:}), passwords decrypted
     */
    public Applier(DockerGateway gateway, List<BargeSettings.RegistryAuth> registries, ApplyOptions options) {
        this(gateway, registries, options, ApplyListener.NONE);
    }

    public Applier(DockerGateway gateway, List<BargeSettings.RegistryAuth> registries, ApplyOptions options,
                   ApplyListener listener) {
        this(gateway, registries, options, listener, new SecretFiles(null, Tmpfs.SYSTEM));
    }

    /**
     * @param secretsDir where containers' secret files are kept ({@code <state_dir>/secrets}): apply
     *                   mounts a tmpfs there unless one is, and refuses a stack with secrets when it cannot
     */
    public Applier(DockerGateway gateway, List<BargeSettings.RegistryAuth> registries, ApplyOptions options,
                   ApplyListener listener, Path secretsDir) {
        this(gateway, registries, options, listener,
                new SecretFiles(Objects.requireNonNull(secretsDir, "secretsDir"), Tmpfs.SYSTEM));
    }

    Applier(DockerGateway gateway, List<BargeSettings.RegistryAuth> registries, ApplyOptions options,
            ApplyListener listener, SecretFiles secrets) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.logins = new RegistryLogins(Objects.requireNonNull(registries, "registries"));
        this.options = Objects.requireNonNull(options, "options");
        this.listener = new OneAtATime(Objects.requireNonNull(listener, "listener"));
        this.secrets = secrets;
    }

    /**
     * Applies the plan. Failures of stacks are in the report, not thrown.
     *
     * @throws BargeException only when apply cannot start at all (none so far: an engine that does not
     *                        answer fails each stack with {@link Failure#RETRY_LATER})
     */
    public ApplyReport apply(Plan plan) {
        Objects.requireNonNull(plan, "plan");
        long start = System.nanoTime();
        List<ContainerChange> containers = plan.changes().stream()
                .filter(ContainerChange.class::isInstance).map(ContainerChange.class::cast).toList();
        Map<String, BargeException> refused = EngineRuntimes.refusals(gateway, containers);
        ImagePulls.Result images = new ImagePulls(gateway, logins, options.pullParallelism()).run(containers);
        images.pulled().forEach((ref, digest) -> listener.step("pulled " + ref + " (" + digest + ")"));
        images.failedStacks().forEach(refused::putIfAbsent);

        List<StackResult> stacks = new ArrayList<>();
        List<ChangeResult> results = new ArrayList<>();
        Map<String, String> hashes = new TreeMap<>();
        Map<String, List<Change>> groups = StackGroups.of(plan.changes());
        try (Scheduler scheduler = new Scheduler(options.parallelism())) {
            StackRun run = new StackRun(gateway, options, listener, secrets, scheduler);
            // stacks side by side; what no stack owns afterwards, as it may be what a stack let go of
            List<StackRun.Pending> pending = new ArrayList<>();
            groups.forEach((stack, changes) -> {
                if (!stack.equals(StackGroups.UNOWNED)) {
                    pending.add(schedule(run, stack, changes, refused));
                }
            });
            List<StackRun.Result> done = new ArrayList<>(pending.stream().map(run::collect).toList());
            if (groups.containsKey(StackGroups.UNOWNED)) {
                done.add(run.collect(schedule(run, StackGroups.UNOWNED, groups.get(StackGroups.UNOWNED), refused)));
            }
            // the report in the plan's stack order, whatever order the stacks finished in
            Map<String, StackRun.Result> byStack = new TreeMap<>();
            done.forEach(r -> byStack.put(r.stack().stack(), r));
            for (String stack : groups.keySet()) {
                StackRun.Result r = byStack.get(stack);
                stacks.add(r.stack());
                results.addAll(r.changes());
                hashes.putAll(r.specHashes());
            }
        }
        collectRepoFiles(groups.keySet());
        Duration took = Durations.since(start);
        ApplyReport report = new ApplyReport(stacks, results, images.digests(), hashes, took);
        listener.step(summary(report));
        return report;
    }

    /**
     * Removes the repo files no container of these stacks binds any more, after one look at the engine for
     * all of them; the engine not answering leaves them for the next apply.
     */
    private void collectRepoFiles(java.util.Collection<String> applied) {
        RepoTrees trees = RepoTrees.besideSecrets(secrets);
        List<String> holding = applied.stream().filter(s -> !s.equals(StackGroups.UNOWNED) && trees.holds(s)).toList();
        if (holding.isEmpty()) {
            return;
        }
        List<dev.barge.docker.ActualState.Container> containers;
        try {
            containers = gateway.observe(java.util.Set.of()).containers();
        } catch (BargeException e) {
            holding.forEach(stack -> listener.step("unused repo files of stack " + stack + " were kept: " + e.getMessage()));
            return;
        }
        for (String stack : holding) {
            List<String> labels = containers.stream().filter(c -> stack.equals(c.stack()))
                    .map(c -> c.labels().getOrDefault(dev.barge.plan.BargeLabels.APPLIED, "")).toList();
            trees.collect(stack, labels).ifPresent(listener::step);
        }
    }

    /** {@code refusals}: stack to why it must not start (an image it cannot get, a runtime the engine lacks). */
    private static StackRun.Pending schedule(StackRun run, String stack, List<Change> changes,
                                             Map<String, BargeException> refusals) {
        BargeException refused = refusals.get(stack);
        if (refused == null && Thread.currentThread().isInterrupted()) {
            refused = new BargeException(Failure.FAILED, "apply was interrupted before stack " + stack
                    + ": nothing of it was changed; apply again");
        }
        return run.schedule(stack, changes, refused);
    }

    private static String summary(ApplyReport report) {
        long done = report.changes().stream().filter(c -> c.outcome() == Outcome.DONE).count();
        long failed = report.stacks().stream().filter(s -> s.status() == StackStatus.FAILED).count();
        return (failed == 0 ? "applied: " : "apply failed: ") + done + (done == 1 ? " change" : " changes")
                + (failed == 0 ? "" : ", " + failed + " of " + report.stacks().size() + " stacks failed ("
                + String.join(", ", report.failed().stream().map(StackResult::stack).toList()) + ")")
                + " in " + Durations.text(report.duration());
    }

    /** Changes finish on several threads; the listener sees one line at a time. */
    private record OneAtATime(ApplyListener target) implements ApplyListener {
        @Override
        public synchronized void step(String line) {
            target.step(line);
        }
    }
}
