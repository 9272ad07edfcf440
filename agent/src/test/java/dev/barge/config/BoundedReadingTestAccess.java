package dev.barge.config;

/** Lets other packages' tests reuse the alias bomb of {@link BoundedReadingTest}. */
public final class BoundedReadingTestAccess {
    private BoundedReadingTestAccess() {
    }

    public static String aliasBomb() {
        return BoundedReadingTest.aliasBomb();
    }
}
