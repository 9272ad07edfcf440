package dev.barge.config.compose;

import dev.barge.config.model.ServiceSpec.Ulimit;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Limits: memory, cpus, pids, shm, ulimits, and their {@code deploy.resources} spelling. */
final class ResourceKeys {
    private ResourceKeys() {
    }

    static void register(Map<String, ServiceKey> keys) {
        keys.put("mem_limit", (v, d, s) -> d.memLimit = v.bytes());
        keys.put("mem_reservation", (v, d, s) -> d.memReservation = v.bytes());
        keys.put("cpus", (v, d, s) -> d.cpus = cpus(v));
        keys.put("pids_limit", (v, d, s) -> d.pidsLimit = pids(v));
        keys.put("oom_kill_disable", (v, d, s) -> d.oomKillDisable = v.bool());
        keys.put("shm_size", (v, d, s) -> d.shmSize = v.bytes());
        keys.put("ulimits", (v, d, s) -> ulimits(v, d));
        // after the keys above, so that a conflict with them can be seen
        keys.put("deploy", (v, d, s) -> deploy(v, d));
    }

    private static Double cpus(Node node) {
        Double cpus = node.decimal();
        return cpus == null || cpus >= 0 ? cpus : node.expected("a number of CPUs such as 0.5 or 2");
    }

    private static Long pids(Node node) {
        Long pids = node.longValue();
        return pids == null || pids >= -1 ? pids : node.expected("a number of processes, or -1 for no limit");
    }

    private static void ulimits(Node node, ServiceDraft draft) {
        if (!node.object()) {
            return;
        }
        for (Map.Entry<String, Node> field : node.fields()) {
            Node value = field.getValue();
            Ulimit ulimit;
            if (value.isObject()) {
                value.onlyKeys(Set.of("soft", "hard"));
                Long soft = value.child("soft").longValue();
                Long hard = value.child("hard").longValue();
                if (soft == null || hard == null) {
                    if (value.child("soft").absent() || value.child("hard").absent()) {
                        value.report("a ulimit needs both soft and hard, or a single number for both");
                    }
                    continue;
                }
                if (soft > hard) {
                    value.report("the soft limit " + soft + " is above the hard limit " + hard);
                    continue;
                }
                ulimit = new Ulimit(soft, hard);
            } else {
                Long both = value.longValue();
                if (both == null) {
                    if (value.absent()) {
                        value.expected("a number or {soft, hard}");
                    }
                    continue;
                }
                ulimit = new Ulimit(both, both);
            }
            draft.ulimits.put(field.getKey(), ulimit);
        }
    }

    /** {@code deploy.resources}, {@code replicas}, {@code restart_policy} and {@code update_config.order} mean something on one engine; the other swarm keys are refused by name. */
    private static void deploy(Node node, ServiceDraft draft) {
        if (!node.object()) {
            return;
        }
        node.onlyKeys(Set.of("resources", "replicas", "restart_policy", "update_config"));
        DeployKeys.replicas(node.child("replicas"), draft);
        DeployKeys.restartPolicy(node.child("restart_policy"), draft);
        UpdateOrder.read(node, draft);
        Node resources = node.child("resources");
        if (!resources.object()) {
            return;
        }
        resources.onlyKeys(Set.of("limits", "reservations"));
        Node limits = resources.child("limits");
        if (limits.object()) {
            limits.onlyKeys(Set.of("memory", "cpus", "pids"));
            merge(limits.child("memory"), limits.child("memory").bytes(), () -> draft.memLimit, v -> draft.memLimit = v,
                    "mem_limit");
            merge(limits.child("cpus"), cpus(limits.child("cpus")), () -> draft.cpus, v -> draft.cpus = v, "cpus");
            merge(limits.child("pids"), pids(limits.child("pids")), () -> draft.pidsLimit, v -> draft.pidsLimit = v,
                    "pids_limit");
        }
        Node reservations = resources.child("reservations");
        if (reservations.object()) {
            reservations.onlyKeys(Set.of("memory"));
            merge(reservations.child("memory"), reservations.child("memory").bytes(), () -> draft.memReservation,
                    v -> draft.memReservation = v, "mem_reservation");
        }
    }

    private static <T> void merge(Node node, T value, Supplier<T> current, Consumer<T> set, String serviceKey) {
        if (value == null) {
            return;
        }
        if (current.get() != null && !Objects.equals(current.get(), value)) {
            node.report("conflicts with " + serviceKey + "; set only one of them");
            return;
        }
        set.accept(value);
    }
}
