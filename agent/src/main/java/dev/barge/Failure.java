package dev.barge;

/**
 * What should happen next after something went wrong. Every {@link BargeException} carries one; the
 * CLI maps it to an exit code (DESIGN.md, Exit codes) and the daemon decides from it whether to retry.
 */
public enum Failure {
    /** A failure while running (apply failed, health gate failed): look at the report. */
    FAILED(1),
    /** The command line itself is wrong. */
    USAGE(64),
    /** The config or the input is invalid: fix the repo or the file, retrying will not help. */
    BAD_INPUT(65),
    /** A service barge needs (Docker engine, git remote) is unavailable: retry later. */
    RETRY_LATER(69),
    /** Permission or verification refused (bad signature, MAC mismatch, policy): needs a human. */
    REFUSED(77);

    private final int exitCode;

    Failure(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
