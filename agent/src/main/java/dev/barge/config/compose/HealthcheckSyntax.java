package dev.barge.config.compose;

import dev.barge.config.model.ServiceSpec.Healthcheck;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code healthcheck}: test as a string (run by the shell: {@code ["CMD-SHELL", s]}) or a list starting with
 * NONE, CMD or CMD-SHELL; durations; retries; {@code disable: true} or {@code test: ["NONE"]} turns it off.
 */
final class HealthcheckSyntax {
    private static final Set<String> KEYS = Set.of("test", "interval", "timeout", "retries", "start_period", "start_interval", "disable");

    private HealthcheckSyntax() {
    }

    static void register(Map<String, ServiceKey> keys) {
        keys.put("healthcheck", (v, d, s) -> d.healthcheck = read(v));
    }

    static Healthcheck read(Node node) {
        if (!node.object()) {
            return null;
        }
        node.onlyKeys(KEYS);
        List<String> test = test(node.child("test"));
        Integer retries = node.child("retries").integer();
        if (retries != null && retries < 0) {
            node.child("retries").expected("a number of retries, 0 or more");
            retries = null;
        }
        boolean disabled = Boolean.TRUE.equals(node.child("disable").bool())
                || !test.isEmpty() && test.get(0).equals("NONE");
        return new Healthcheck(test, node.child("interval").duration(), node.child("timeout").duration(), retries,
                node.child("start_period").duration(), disabled, node.child("start_interval").duration());
    }

    private static List<String> test(Node node) {
        if (node.absent()) {
            return List.of();
        }
        if (node.isArray()) {
            List<String> test = node.list();
            if (!test.isEmpty() && !Set.of("NONE", "CMD", "CMD-SHELL").contains(test.get(0))) {
                node.child(0).expected("NONE, CMD or CMD-SHELL (the first item of a test list)");
                return List.of();
            }
            return test;
        }
        String command = node.text();
        return command == null ? List.of() : List.of("CMD-SHELL", command);
    }
}
