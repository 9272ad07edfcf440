package dev.barge.notify;

/** Why an event is sent, named as Flux's notification-controller names its reasons, with its severity. */
public enum Reason {
    RECONCILIATION_SUCCEEDED("ReconciliationSucceeded", false),
    RECONCILIATION_FAILED("ReconciliationFailed", true),
    HEALTH_CHECK_FAILED("HealthCheckFailed", true),
    /** The node is back on the last good commit, not on the branch head: someone must look. */
    ROLLED_BACK("RolledBack", true),
    DRIFT_CORRECTED("DriftCorrected", false),
    /** Under {@code drift: detect} the change made outside barge is left as it is: someone must look. */
    DRIFT_DETECTED("DriftDetected", true),
    SOURCE_UNAVAILABLE("SourceUnavailable", true),
    ENGINE_UNAVAILABLE("EngineUnavailable", true),
    RECOVERED("Recovered", false);

    private final String wire;
    private final boolean error;

    Reason(String wire, boolean error) {
        this.wire = wire;
        this.error = error;
    }

    public String wire() {
        return wire;
    }

    /** {@code info} or {@code error}, as Flux's events say it. */
    public String severity() {
        return error ? "error" : "info";
    }

    public boolean isError() {
        return error;
    }
}
