package dev.barge.apply;

import java.time.Duration;

/** Durations as progress lines show them: {@code 2.1s}, {@code 250ms}, {@code 90s}. */
final class Durations {

    private Durations() {
    }

    static String text(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
