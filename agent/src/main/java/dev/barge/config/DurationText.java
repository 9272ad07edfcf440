package dev.barge.config;

import dev.barge.config.compose.Durations;
import java.time.Duration;

/** Durations as people write them in config: {@code 90s}, {@code 2m}, {@code 1m30s}, {@code 500ms}, {@code 1h}. */
public final class DurationText {

    private DurationText() {
    }

    /**
     * Reads a duration the way compose files write them (see {@link Durations}), so that barge's own
     * settings and compose keys accept the same forms.
     *
     * @throws IllegalArgumentException naming the accepted forms when {@code text} is not one of them
     */
    public static Duration parse(String text) {
        return Durations.parse(text.strip()).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not a duration: write e.g. 30s, 2m, 1m30s, 500ms or 1h"));
    }

    /** {@code 90s}, {@code 2m}, {@code 1m30s}: the shortest of the forms {@link #parse} reads. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long hours = duration.toHours();
        long minutes = duration.toMinutesPart();
        long seconds = duration.toSecondsPart();
        long millis = duration.toMillisPart();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (seconds > 0) {
            out.append(seconds).append('s');
        }
        if (millis > 0) {
            out.append(millis).append("ms");
        }
        return out.toString();
    }
}
