package dev.barge;

import java.util.Objects;

/**
 * The one exception type that crosses package boundaries. Its message is a single line that says
 * what failed, on what, and what to do next, and never contains a secret value. Library exceptions
 * are translated into this at the boundary of the stage that owns the library.
 */
public class BargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Failure failure;

    public BargeException(Failure failure, String message) {
        this(failure, message, null);
    }

    public BargeException(Failure failure, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    public Failure failure() {
        return failure;
    }

    public static BargeException badInput(String message) {
        return new BargeException(Failure.BAD_INPUT, message);
    }

    public static BargeException refused(String message) {
        return new BargeException(Failure.REFUSED, message);
    }

    public static BargeException unavailable(String message, Throwable cause) {
        return new BargeException(Failure.RETRY_LATER, message, cause);
    }
}
