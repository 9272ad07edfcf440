package dev.barge.config.compose;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as Compose reads them (docker's {@code RAMInBytes}): a number with an optional binary unit,
 * {@code b}, {@code k}/{@code kb}, {@code m}/{@code mb}, {@code g}/{@code gb}, {@code t}/{@code tb},
 * case-insensitive, {@code i} allowed ({@code 1GiB}); a bare number is bytes. {@code 1.5g} is allowed.
 */
public final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?) ?([kmgtp])?i?b?", Pattern.CASE_INSENSITIVE);

    /** What a message says a size should look like. */
    public static final String EXPECTED = "a size such as 512m, 1g or 1048576 (bytes)";

    private ByteSizes() {
    }

    /** The size in bytes, or empty when {@code text} is not a size. */
    public static OptionalLong parse(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        int power = m.group(2) == null ? 0 : "kmgtp".indexOf(Character.toLowerCase(m.group(2).charAt(0))) + 1;
        try {
            BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
            return OptionalLong.of(bytes.setScale(0, RoundingMode.DOWN).longValueExact());
        } catch (ArithmeticException e) {
            return OptionalLong.empty();
        }
    }
}
