package dev.barge.notify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One notification, before it is shaped for a receiver. Its texts come from outcomes and outage
 * messages, which never hold a secret value.
 *
 * @param stacks  the stacks it concerns (the failed ones of a failed apply, the changed ones of an
 *                apply); empty when it concerns the whole node
 * @param commit  the commit (full sha) it concerns; null when none is known (an outage)
 * @param trigger what started the reconcile ({@code poll}, {@code webhook}, {@code drift}, ...); null for an outage
 */
public record Event(Reason reason, String node, List<String> stacks, String commit, String trigger, String message,
                    Instant time) {
    public Event {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(time, "time");
        stacks = List.copyOf(stacks);
    }

    /** What "the same failure" means for {@link Dedupe}: the reason, the commit and the stacks. */
    String key() {
        return reason.wire() + "|" + commit + "|" + String.join(",", stacks);
    }
}
