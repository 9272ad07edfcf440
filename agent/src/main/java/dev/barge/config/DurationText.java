package dev.barge.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in config: {@code 90s}, {@code 2m}, {@code 1m30s}, {@code 500ms}, {@code 1h}. */
public final class DurationText {
    private static final Pattern WHOLE = Pattern.compile("([0-9]+(ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h)");

    private DurationText() {
    }

    /** @throws IllegalArgumentException naming the accepted forms when {@code text} is not one of them */
    public static Duration parse(String text) {
        String t = text.strip();
        if (!WHOLE.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write e.g. 30s, 2m, 1m30s, 500ms or 1h");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(t);
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        return total;
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
