package dev.barge.apply;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.Dependency;
import dev.barge.config.model.StackSpec;
import dev.barge.docker.ActualState;
import dev.barge.docker.ContainerStatus;
import dev.barge.docker.DockerGateway;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Holds a service back until each of its depends_on targets meets its condition. Targets changed
 * earlier in the same plan have passed their own gate already; unchanged ones are checked too, by
 * container name, since they may have stopped since the plan was made.
 */
final class DependencyWait {

    private final DockerGateway gateway;
    private final Duration pollInterval;

    DependencyWait(DockerGateway gateway, Duration pollInterval) {
        this.gateway = gateway;
        this.pollInterval = pollInterval;
    }

    /** @throws BargeException FAILED naming the service, the dependency, its condition and its state */
    void await(StackSpec stack, ServiceSpec service, Duration timeout) {
        for (Map.Entry<String, Dependency> dep : service.dependsOn().entrySet()) {
            ServiceSpec target = stack.project().services().get(dep.getKey());
            if (target == null) {
                continue; // an optional dependency the stack does not define; the planner refused required ones
            }
            String who = stack.name() + "/" + service.name() + " depends on " + dep.getKey() + " ("
                    + dep.getValue().condition().name().toLowerCase(Locale.ROOT) + ")";
            Optional<ContainerStatus> found = find(target.containerName(stack.name()));
            if (found.isEmpty()) {
                if (dep.getValue().required()) {
                    throw failed(who + ", whose container " + target.containerName(stack.name())
                            + " does not exist: apply again, or check why it was removed");
                }
                continue;
            }
            switch (dep.getValue().condition()) {
                case SERVICE_STARTED -> started(who, found.get());
                case SERVICE_HEALTHY -> healthy(who, found.get(), timeout);
                case SERVICE_COMPLETED_SUCCESSFULLY -> completed(who, found.get(), timeout);
            }
        }
    }

    private Optional<ContainerStatus> find(String name) {
        try {
            return Optional.of(gateway.inspect(name));
        } catch (BargeException e) {
            if (e.failure() == Failure.RETRY_LATER) {
                throw e;
            }
            return Optional.empty();
        }
    }

    private static void started(String who, ContainerStatus s) {
        // a one-shot dependency that completed has started, as far as Compose is concerned
        if (!s.running() && !Integer.valueOf(0).equals(s.exitCode())) {
            throw failed(who + ", which is " + state(s) + ": fix " + s.name() + " first");
        }
    }

    private void healthy(String who, ContainerStatus first, Duration timeout) {
        long start = System.nanoTime();
        ContainerStatus s = first;
        while (true) {
            if (!s.running()) {
                throw failed(who + ", which is " + state(s) + ": fix " + s.name() + " first");
            }
            if (s.health() == null) {
                throw failed(who + ", which has no healthcheck: give it one or use condition service_started");
            }
            if (s.health() == ActualState.Health.HEALTHY) {
                return;
            }
            if (s.health() == ActualState.Health.UNHEALTHY) {
                throw failed(who + ", which is unhealthy: fix " + s.name() + " first");
            }
            if (Durations.since(start).compareTo(timeout) >= 0) {
                throw failed(who + ", which did not become healthy within " + Durations.text(timeout));
            }
            HealthGate.pause(pollInterval);
            s = gateway.inspect(s.id());
        }
    }

    private void completed(String who, ContainerStatus s, Duration timeout) {
        if (s.status() == ActualState.Status.CREATED) {
            throw failed(who + ", which was created but never started: apply again");
        }
        Optional<Integer> code = s.exitCode() != null ? Optional.of(s.exitCode()) : gateway.waitForExit(s.id(), timeout);
        if (code.isEmpty()) {
            throw failed(who + ", which still runs after " + Durations.text(timeout)
                    + ": a job must exit; check its command or raise health_timeout");
        }
        if (code.get() != 0) {
            throw failed(who + ", which exited with code " + code.get() + ": fix " + s.name() + " first");
        }
    }

    private static String state(ContainerStatus s) {
        String state = s.status().name().toLowerCase(Locale.ROOT);
        return s.exitCode() != null ? state + " (" + s.exitCode() + ")" : state;
    }

    private static BargeException failed(String message) {
        return new BargeException(Failure.FAILED, message);
    }
}
