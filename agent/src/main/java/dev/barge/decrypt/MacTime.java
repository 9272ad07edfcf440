package dev.barge.decrypt;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The MAC's additional data: {@code lastmodified} as Go's {@code time.Parse(RFC3339)} then
 * {@code Format(RFC3339)} gives it back (seconds precision, "Z" for UTC, the offset kept otherwise).
 */
final class MacTime {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private MacTime() {
    }

    /** The AAD for a stored lastmodified; throws DateTimeParseException if it is not RFC 3339. */
    static String aad(String lastModified) throws DateTimeParseException {
        return RFC3339.format(OffsetDateTime.parse(lastModified.strip()));
    }

    /** A new lastmodified for the current time, which is also its own AAD. */
    static String now() {
        return RFC3339.format(OffsetDateTime.now(ZoneOffset.UTC));
    }
}
