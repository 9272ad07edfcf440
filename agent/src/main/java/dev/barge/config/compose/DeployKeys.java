package dev.barge.config.compose;

import java.util.Set;

/**
 * {@code deploy.replicas} and {@code deploy.restart_policy}, as docker compose reads them on one engine:
 * the policy's condition none/on-failure/any becomes restart no/on-failure[:max_attempts]/always, unless
 * {@code restart:} is set (it wins); delay and window are swarm's and ignored, as docker compose does.
 */
final class DeployKeys {
    private DeployKeys() {
    }

    static void replicas(Node node, ServiceDraft draft) {
        if (node.absent()) {
            return;
        }
        Integer replicas = node.integer();
        if (replicas == null) {
            return;
        }
        if (replicas < 0 || replicas > 100) {
            node.expected("a number of containers from 0 to 100");
            return;
        }
        if (replicas == 0) {
            node.report("deploy.replicas 0 (a service that does not run) is not supported; remove the service instead");
            return;
        }
        draft.replicas = replicas;
    }

    /** N containers cannot share one container name or one published host port; Compose refuses both. */
    static void checkReplicas(Node service, ServiceDraft draft) {
        if (draft.replicas <= 1) {
            return;
        }
        Node replicas = service.child("deploy").child("replicas");
        if (draft.containerName != null) {
            replicas.report("deploy.replicas " + draft.replicas + " needs a container name each: remove container_name");
        }
        if (draft.ports.stream().anyMatch(p -> p.published() != null)) {
            replicas.report("deploy.replicas " + draft.replicas + " containers cannot all publish the same host port:"
                    + " publish the container port only (ports: [\"80\"]) or run one replica");
        }
    }

    static void restartPolicy(Node node, ServiceDraft draft) {
        if (!node.object()) {
            return;
        }
        node.onlyKeys(Set.of("condition", "max_attempts", "delay", "window"));
        node.child("delay").duration();
        node.child("window").duration();
        String condition = node.child("condition").absent() ? "any" : node.child("condition").text();
        Integer attempts = node.child("max_attempts").integer();
        if (attempts != null && attempts < 0) {
            node.child("max_attempts").expected("a number of attempts, 0 or more");
            return;
        }
        if (condition == null) {
            return;
        }
        String restart = switch (condition) {
            case "none", "no" -> "no";
            case "on-failure" -> attempts == null || attempts == 0 ? "on-failure" : "on-failure:" + attempts;
            case "any", "always" -> "always";
            case "unless-stopped" -> "unless-stopped";
            default -> node.child("condition").expected("none, on-failure or any");
        };
        if (restart != null && draft.restart == null) {
            draft.restart = restart;
        }
    }
}
