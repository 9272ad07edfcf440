package dev.barge.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What started a reconcile; written to history by its {@link #wire()} name, which never changes. */
public enum Trigger {
    /** barge apply on the command line. */
    MANUAL("cli"),
    /** barge rollback. */
    ROLLBACK("rollback"),
    /** barge resume. */
    RESUME("resume"),
    /** the agent's poll timer. */
    POLL("poll"),
    /** a push webhook. */
    WEBHOOK("webhook"),
    /** the engine reported a change to a barge container (a Docker event). */
    DRIFT("drift"),
    /** the agent's first reconcile after it started. */
    STARTUP("startup"),
    /** the agent rolling back to the last good commit after a failed apply. */
    AUTO_ROLLBACK("auto-rollback");

    private final String wire;

    Trigger(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name no barge version wrote */
    @JsonCreator
    public static Trigger of(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown trigger " + wire));
    }

    @Override
    public String toString() {
        return wire;
    }
}
