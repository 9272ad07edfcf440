package dev.barge.config.compose;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Compose writes them (Go's {@code time.ParseDuration}): {@code 1m30s}, {@code 90s},
 * {@code 1.5h}, {@code 500ms}, {@code 2us}, {@code 10ns}. A bare whole number means seconds, so that
 * {@code ${TIMEOUT}} interpolated to "90" reads as Compose reads a YAML number there.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Pattern WHOLE = Pattern.compile("(?:" + PART.pattern() + ")+");
    private static final Pattern SECONDS = Pattern.compile("\\d+");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    /** What a message says a duration should look like. */
    public static final String EXPECTED = "a duration such as 30s, 1m30s or 500ms";

    private Durations() {
    }

    /** The duration, or empty when {@code text} is not one (negative durations are not). */
    public static Optional<Duration> parse(String text) {
        String s = text.strip();
        if (SECONDS.matcher(s).matches()) {
            return s.length() > 12 ? Optional.empty() : Optional.of(Duration.ofSeconds(Long.parseLong(s)));
        }
        if (!WHOLE.matcher(s).matches()) {
            return Optional.empty();
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher m = PART.matcher(s);
        while (m.find()) {
            nanos = nanos.add(new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1))
                    .multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(m.group(2)))));
        }
        try {
            return Optional.of(Duration.ofNanos(nanos.longValueExact()));
        } catch (ArithmeticException e) {
            // a fraction of a nanosecond, or more than ~292 years: Go rejects both too
            return Optional.empty();
        }
    }
}
