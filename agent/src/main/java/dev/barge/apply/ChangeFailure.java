package dev.barge.apply;

import dev.barge.BargeException;
import java.util.List;

/** A change that failed and was undone where possible, with the failed container's last log lines. */
final class ChangeFailure extends BargeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> logTail;

    ChangeFailure(BargeException cause, String message, List<String> logTail) {
        super(cause.failure(), message, cause);
        this.logTail = List.copyOf(logTail);
    }

    List<String> logTail() {
        return logTail;
    }
}
