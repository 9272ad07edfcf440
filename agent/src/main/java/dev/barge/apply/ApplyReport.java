package dev.barge.apply;

import dev.barge.Failure;
import dev.barge.plan.Action;
import dev.barge.plan.Address;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an apply did: one outcome per stack (stacks are isolated, so some may fail while others
 * apply), one result per change in plan order, and what the record stage keeps.
 *
 * @param digests    the image each service runs, by {@code stack/service}: the repo digest
 *                   ({@code busybox@sha256:...}) when the image came from a registry, else its id
 * @param specHashes container name to spec hash, for the containers that now run (or completed) with
 *                   the planned spec; a container whose change failed or was skipped is absent
 */
public record ApplyReport(List<StackResult> stacks, List<ChangeResult> changes, Map<String, String> digests,
                          Map<String, String> specHashes, Duration duration) {

    public ApplyReport {
        stacks = List.copyOf(stacks);
        changes = List.copyOf(changes);
        digests = java.util.Collections.unmodifiableMap(new TreeMap<>(digests));
        specHashes = java.util.Collections.unmodifiableMap(new TreeMap<>(specHashes));
        Objects.requireNonNull(duration, "duration");
    }

    /** True when no stack failed. */
    public boolean succeeded() {
        return stacks.stream().noneMatch(s -> s.status() == StackStatus.FAILED);
    }

    public List<StackResult> failed() {
        return stacks.stream().filter(s -> s.status() == StackStatus.FAILED).toList();
    }

    public StackResult stack(String name) {
        return stacks.stream().filter(s -> s.stack().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the plan had no stack " + name));
    }

    public enum StackStatus { APPLIED, FAILED, UNCHANGED }

    /**
     * @param reason  for FAILED: the one-line message of the first failure (what failed, which check);
     *                null otherwise
     * @param failure for FAILED: its kind (a health gate failure is {@link Failure#FAILED}, an engine that
     *                did not answer {@link Failure#RETRY_LATER}); null otherwise
     */
    public record StackResult(String stack, StackStatus status, String reason, Failure failure) {
        public StackResult {
            Objects.requireNonNull(stack, "stack");
            Objects.requireNonNull(status, "status");
            if ((status == StackStatus.FAILED) != (reason != null && failure != null)) {
                throw new IllegalArgumentException("stack " + stack + ": a reason and failure kind go with FAILED only");
            }
        }
    }

    /** DONE: carried out; FAILED: tried and undone where possible; SKIPPED: not tried (its stack failed first). */
    public enum Outcome { DONE, FAILED, SKIPPED, UNCHANGED }

    /**
     * @param detail  how it went ({@code healthy in 2.1s}) or, for FAILED, why
     * @param logTail for a container that failed its health gate: its last log lines, oldest first
     */
    public record ChangeResult(Address address, Action action, Outcome outcome, String detail, List<String> logTail,
                               Duration took) {
        public ChangeResult {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(outcome, "outcome");
            logTail = List.copyOf(logTail);
            Objects.requireNonNull(took, "took");
        }
    }
}
