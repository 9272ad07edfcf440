package dev.barge.config.compose;

import dev.barge.config.model.ServiceSpec.PortMapping;
import java.util.Set;

/**
 * {@code deploy.update_config.order}: {@code stop-first} (Compose's default) or {@code start-first},
 * where a replacement starts and passes its health gate before the old container stops. Two
 * containers at once cannot both hold a fixed host port, so start-first is refused for a service that
 * publishes one or shares the host's network (read after {@code ports} and {@code network_mode}).
 */
final class UpdateOrder {

    private UpdateOrder() {
    }

    static void read(Node deploy, ServiceDraft draft) {
        Node config = deploy.child("update_config");
        if (!config.object()) {
            return;
        }
        config.onlyKeys(Set.of("order"));
        Node order = config.child("order");
        String value = order.text();
        if (value == null || value.equals("stop-first")) {
            return;
        }
        if (!value.equals("start-first")) {
            order.expected("start-first or stop-first");
            return;
        }
        PortMapping fixed = draft.ports.stream().filter(p -> p.published() != null).findFirst().orElse(null);
        if (fixed != null) {
            order.report("start-first needs the old and the new container to run at once, but host port "
                    + fixed.published() + " can be held by only one: use stop-first, or drop the published port");
        } else if ("host".equals(draft.networkMode)) {
            order.report("start-first needs the old and the new container to run at once, but with network_mode: host"
                    + " they would share the host's ports: use stop-first");
        } else {
            draft.startFirst = true;
        }
    }
}
