package dev.barge.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** How a recorded apply ended; written to history by its {@link #wire()} name, which never changes. */
public enum HistoryOutcome {
    APPLIED("applied"),
    NO_CHANGES("no-changes"),
    /** every stack that had changes failed */
    FAILED("failed"),
    /** some stacks failed, the others were applied */
    PARTIALLY_APPLIED("partially-applied"),
    /** the agent put the whole node back on the last good commit after a failed apply; error names the failed commit and why */
    ROLLED_BACK("rolled-back"),
    /** refused before anything changed (policy, signature) */
    REFUSED("refused");

    private final String wire;

    HistoryOutcome(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name no barge version wrote */
    @JsonCreator
    public static HistoryOutcome of(String wire) {
        return Arrays.stream(values()).filter(o -> o.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown outcome " + wire));
    }

    /** True when the config of the entry's commit ran afterwards (what a rollback may return to). */
    public boolean succeeded() {
        return this == APPLIED || this == NO_CHANGES || this == ROLLED_BACK;
    }

    @Override
    public String toString() {
        return wire;
    }
}
