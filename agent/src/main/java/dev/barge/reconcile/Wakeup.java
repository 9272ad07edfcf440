package dev.barge.reconcile;

import dev.barge.record.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One pending reconcile and every cause that asked for it since the last one was taken: a burst of
 * ten webhooks is one wakeup with ten causes.
 *
 * @param since when the first of the causes arrived
 */
public record Wakeup(List<Cause> causes, Instant since) {
    public Wakeup {
        causes = List.copyOf(causes);
        if (causes.isEmpty()) {
            throw new IllegalArgumentException("a wakeup needs a cause");
        }
    }

    /** Whether only the poll timer asked: the case the idle fast path is for. */
    public boolean onlyPoll() {
        return causes.stream().allMatch(c -> c instanceof Cause.Poll);
    }

    /** Whether something other than a poll or a webhook asked, i.e. the node must be planned even at the same commit. */
    public boolean forcesPlan() {
        return causes.stream().anyMatch(c -> !(c instanceof Cause.Poll) && !(c instanceof Cause.Webhook));
    }

    public List<Cause.Drift> drifts() {
        return causes.stream().filter(c -> c instanceof Cause.Drift).map(c -> (Cause.Drift) c).toList();
    }

    /** The distinct kinds, in order of arrival: "webhook+poll". */
    public String kinds() {
        return causes.stream().map(Cause::kind).distinct().collect(Collectors.joining("+"));
    }

    /** The trigger that names this reconcile in history: that of the first cause that is not a poll, else poll. */
    public Trigger trigger() {
        return causes.stream().filter(c -> !(c instanceof Cause.Poll)).findFirst().orElse(causes.get(0)).trigger();
    }
}
