package dev.barge.apply;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.ServiceSpec;
import dev.barge.docker.ActualState;
import dev.barge.docker.DockerGateway;
import dev.barge.plan.Action;
import dev.barge.plan.ContainerChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Gets every image the plan builds containers from, before any container is touched, honouring each
 * service's pull_policy, a bounded number at a time; and resolves the digest every service runs. A
 * failure belongs to the stacks whose services need that image, so only those stacks fail.
 */
final class ImagePulls {

    /** What one image reference needs: a pull, only the local image, or nothing more than its digest. */
    enum Need { PULL, LOCAL_OR_PULL, LOCAL_ONLY, DIGEST_ONLY }

    /**
     * @param digests      {@code stack/service} to the digest of the image it will run
     * @param failedStacks stack to the first failure of an image it needs
     * @param pulled       image reference to the digest a pull resolved it to, in plan order
     */
    record Result(Map<String, String> digests, Map<String, BargeException> failedStacks, Map<String, String> pulled) {
    }

    private record Resolved(String digest, boolean pulled, BargeException failure) {
    }

    /** An image reference and the platform its services ask for (null: the engine's own). */
    private record Wanted(String ref, String platform) {
        static Wanted of(ContainerChange c) {
            return new Wanted(c.service().image(), c.service().engine().platform());
        }
    }

    private final DockerGateway gateway;
    private final RegistryLogins logins;
    private final int parallelism;

    ImagePulls(DockerGateway gateway, RegistryLogins logins, int parallelism) {
        this.gateway = gateway;
        this.logins = logins;
        this.parallelism = parallelism;
    }

    /** {@code changes}: the plan's container changes; those without a desired service are ignored. */
    Result run(List<ContainerChange> changes) {
        Map<Wanted, List<ContainerChange>> byImage = new LinkedHashMap<>();
        for (ContainerChange c : changes) {
            if (c.service() != null && c.action() != Action.DELETE) {
                byImage.computeIfAbsent(Wanted.of(c), r -> new ArrayList<>()).add(c);
            }
        }
        Map<Wanted, Resolved> resolved = resolveAll(byImage);

        Map<String, String> digests = new TreeMap<>();
        Map<String, BargeException> failed = new TreeMap<>();
        Map<String, String> pulled = new LinkedHashMap<>();
        byImage.forEach((wanted, users) -> {
            Resolved r = resolved.get(wanted);
            if (r.pulled()) {
                pulled.put(wanted.ref(), r.digest());
            }
            for (ContainerChange c : users) {
                if (r.digest() != null) {
                    digests.put(c.address().toString(), r.digest());
                } else if (r.failure() != null && builds(c)) {
                    failed.putIfAbsent(c.address().stack(), new BargeException(r.failure().failure(),
                            c.address() + ": " + r.failure().getMessage(), r.failure()));
                }
            }
        });
        return new Result(digests, failed, pulled);
    }

    /**
     * What the services using one image need. ALWAYS pulls; MISSING (Compose's default, also for an
     * unset policy) pulls when the image is not local; NEVER requires it locally. When services
     * disagree the most demanding wins: one that always pulls makes the image fresh for all.
     */
    static Need need(List<ContainerChange> users) {
        List<ServiceSpec.PullPolicy> policies = users.stream().filter(ImagePulls::builds)
                .map(c -> c.service().pullPolicy() == null ? ServiceSpec.PullPolicy.MISSING : c.service().pullPolicy())
                .toList();
        if (policies.isEmpty()) {
            return Need.DIGEST_ONLY;
        }
        if (policies.contains(ServiceSpec.PullPolicy.ALWAYS)) {
            return Need.PULL;
        }
        return policies.contains(ServiceSpec.PullPolicy.MISSING) ? Need.LOCAL_OR_PULL : Need.LOCAL_ONLY;
    }

    private static boolean builds(ContainerChange c) {
        return c.action() == Action.CREATE || c.action() == Action.REPLACE;
    }

    private Map<Wanted, Resolved> resolveAll(Map<Wanted, List<ContainerChange>> byImage) {
        Map<Wanted, Resolved> resolved = new LinkedHashMap<>();
        if (byImage.isEmpty()) {
            return resolved;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, byImage.size()), r -> {
            Thread t = new Thread(r, "barge-pull");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<Wanted, Future<Resolved>> futures = new LinkedHashMap<>();
            byImage.forEach((wanted, users) -> {
                Need need = need(users);
                futures.put(wanted, pool.submit(() -> resolve(wanted, need)));
            });
            for (Map.Entry<Wanted, Future<Resolved>> f : futures.entrySet()) {
                resolved.put(f.getKey(), await(f.getKey().ref(), f.getValue()));
            }
        } finally {
            pool.shutdownNow();
        }
        return resolved;
    }

    /**
     * A local image for another platform than the services ask counts as missing, as in Compose: it is
     * pulled for their platform (pull_policy missing), or refused (never).
     */
    private Resolved resolve(Wanted wanted, Need need) {
        String ref = wanted.ref();
        try {
            if (need != Need.PULL) {
                Optional<ActualState.Image> local = gateway.inspectImage(ref);
                if (local.isPresent() && (need == Need.DIGEST_ONLY || local.get().runsOn(wanted.platform()))) {
                    return new Resolved(ResolvedDigest.of(ref, local.get()), false, null);
                }
                if (need == Need.DIGEST_ONLY) {
                    return new Resolved(null, false, null);
                }
                if (need == Need.LOCAL_ONLY) {
                    String why = local.isEmpty() ? " is not present locally"
                            : " is present locally for " + local.get().platform() + ", not for " + wanted.platform();
                    return new Resolved(null, false, new BargeException(Failure.FAILED, "image " + ref + why
                            + " and its pull_policy is never: load it on this host (docker pull"
                            + (local.isEmpty() ? "" : " --platform " + wanted.platform()) + " or docker load)"
                            + " or change pull_policy"));
                }
            }
            return new Resolved(gateway.pull(ref, wanted.platform(), logins.forImage(ref)), true, null);
        } catch (BargeException e) {
            return new Resolved(null, false, e);
        } catch (RuntimeException e) {
            return new Resolved(null, false, new BargeException(Failure.FAILED, "getting image " + ref + " failed: "
                    + e.getClass().getSimpleName() + ": retry, and report it if it persists", e));
        }
    }

    private static Resolved await(String ref, Future<Resolved> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BargeException(Failure.FAILED, "apply was interrupted while pulling " + ref + ": nothing was changed", e);
        } catch (ExecutionException e) {
            // resolve() catches everything; an Error is left to surface
            throw new IllegalStateException("pulling " + ref + " failed unexpectedly", e.getCause());
        }
    }
}
