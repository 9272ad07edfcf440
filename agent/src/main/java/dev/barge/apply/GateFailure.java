package dev.barge.apply;

import dev.barge.BargeException;
import dev.barge.Failure;

/** A container did not pass its health gate; {@link #check()} says which check failed. */
final class GateFailure extends BargeException {
    private static final long serialVersionUID = 1L;

    private final String check;

    GateFailure(String check) {
        super(Failure.FAILED, check);
        this.check = check;
    }

    String check() {
        return check;
    }
}
