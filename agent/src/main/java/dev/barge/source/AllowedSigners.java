package dev.barge.source;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * An allowed_signers file in the format git and {@code ssh-keygen -Y} use (ssh-keygen(1), ALLOWED
 * SIGNERS): {@code principals [options] keytype base64-key [comment]}, options comma-separated among
 * {@code cert-authority}, {@code namespaces="..."}, {@code valid-after="..."}, {@code valid-before="..."}.
 * A line barge cannot read is an error, as it is for ssh-keygen.
 */
record AllowedSigners(Path file, List<Entry> entries) {

    /** One line: who the key belongs to and where and when it may sign. */
    record Entry(int line, String principals, boolean certAuthority, List<String> namespaces, Instant validAfter,
                 Instant validBefore, byte[] key) {
    }

    /** Why a key was or was not accepted. */
    sealed interface Lookup {
        record Allowed(Entry entry) implements Lookup {
        }

        record NotAllowed(String reason) implements Lookup {
        }
    }

    AllowedSigners {
        entries = List.copyOf(entries);
    }

    static AllowedSigners read(Path file) {
        TrustFiles.requireReadable(file, "source.verify.allowed_signers");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return parse(file, lines, ZoneId.systemDefault());
    }

    static AllowedSigners parse(Path file, List<String> lines, ZoneId zone) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                entries.add(new LineParser(line, i + 1, zone).entry());
            } catch (IllegalArgumentException e) {
                throw new BargeException(Failure.BAD_INPUT, "allowed_signers " + file + " line " + (i + 1) + ": "
                        + e.getMessage() + ": fix it (format: principals [options] keytype base64-key)");
            }
        }
        return new AllowedSigners(file, entries);
    }

    /**
     * The first entry that lists this plain key for {@code namespace} at {@code time} (barge passes
     * the current time), as {@code ssh-keygen -Y find-principals -O verify-time=...} finds it.
     */
    Lookup find(byte[] key, String namespace, Instant time) {
        String refusal = null;
        for (Entry entry : entries) {
            if (entry.certAuthority() || !Arrays.equals(entry.key(), key)) {
                continue;
            }
            String problem = problem(entry, namespace, time);
            if (problem == null) {
                return new Lookup.Allowed(entry);
            }
            if (refusal == null) {
                refusal = problem;
            }
        }
        return new Lookup.NotAllowed(refusal != null ? refusal : "not listed in " + file);
    }

    private String problem(Entry entry, String namespace, Instant time) {
        String where = file + " line " + entry.line();
        if (entry.namespaces() != null && !OpenSshPatterns.matchList(namespace, entry.namespaces())) {
            return "allowed only for namespaces " + String.join(",", entry.namespaces()) + " by " + where + ", not " + namespace;
        }
        if (entry.validAfter() != null && time.isBefore(entry.validAfter())) {
            return "valid only after " + entry.validAfter() + " by " + where + ", and it is " + time;
        }
        if (entry.validBefore() != null && time.isAfter(entry.validBefore())) {
            return "valid only before " + entry.validBefore() + " by " + where + ", and it is " + time
                    + ": the key has expired; sign with a current key or extend valid-before";
        }
        return null;
    }

    /** Parses one non-empty, non-comment line. */
    private static final class LineParser {
        private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);
        private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuuMMddHHmm", Locale.ROOT);
        private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT);

        private final String line;
        private final int number;
        private final ZoneId zone;
        private int pos;

        LineParser(String line, int number, ZoneId zone) {
            this.line = line;
            this.number = number;
            this.zone = zone;
        }

        Entry entry() {
            String principals = token();
            if (principals.isEmpty() || Arrays.stream(principals.split(",", -1)).anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("empty principal in '" + principals + "'");
            }
            skipSpace();
            if (pos >= line.length()) {
                throw new IllegalArgumentException("missing public key");
            }
            boolean certAuthority = false;
            List<String> namespaces = null;
            Instant validAfter = null;
            Instant validBefore = null;
            if (!startsWithKeyType()) {
                for (String option : splitOptions(token())) {
                    String lower = option.toLowerCase(Locale.ROOT);
                    if (lower.equals("cert-authority")) {
                        certAuthority = true;
                    } else if (lower.startsWith("namespaces=")) {
                        namespaces = Arrays.stream(quoted(option, "namespaces=").split(",")).map(String::strip)
                                .filter(s -> !s.isEmpty()).toList();
                        if (namespaces.isEmpty()) {
                            throw new IllegalArgumentException("namespaces= lists no namespace");
                        }
                    } else if (lower.startsWith("valid-after=")) {
                        validAfter = time(quoted(option, "valid-after="));
                    } else if (lower.startsWith("valid-before=")) {
                        validBefore = time(quoted(option, "valid-before="));
                    } else {
                        throw new IllegalArgumentException("unknown option '" + option + "'");
                    }
                }
                skipSpace();
            }
            String type = token();
            skipSpace();
            String base64 = token();
            if (type.isEmpty() || base64.isEmpty()) {
                throw new IllegalArgumentException("missing public key");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(base64);
                if (!SshKeys.keyType(key).equals(type)) {
                    throw new IllegalArgumentException("key type " + type + " does not match the key data");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("public key of type " + type + " cannot be read"
                        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
            }
            return new Entry(number, principals, certAuthority, namespaces, validAfter, validBefore, key);
        }

        private boolean startsWithKeyType() {
            String rest = line.substring(pos);
            return rest.startsWith("ssh-") || rest.startsWith("ecdsa-") || rest.startsWith("sk-");
        }

        /** Up to the next unquoted whitespace; quotes are kept, a backslash escapes a quote inside them. */
        private String token() {
            int start = pos;
            boolean quoted = false;
            while (pos < line.length()) {
                char c = line.charAt(pos);
                if (c == '\\' && quoted && pos + 1 < line.length() && line.charAt(pos + 1) == '"') {
                    pos += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && Character.isWhitespace(c)) {
                    break;
                }
                pos++;
            }
            if (quoted) {
                throw new IllegalArgumentException("unterminated quote");
            }
            String token = line.substring(start, pos);
            // principals may be quoted as a whole
            return token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"") && start == 0
                    ? token.substring(1, token.length() - 1) : token;
        }

        private void skipSpace() {
            while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
        }

        private static List<String> splitOptions(String options) {
            List<String> out = new ArrayList<>();
            boolean quoted = false;
            int start = 0;
            for (int i = 0; i < options.length(); i++) {
                char c = options.charAt(i);
                if (c == '\\' && quoted && i + 1 < options.length()) {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    out.add(options.substring(start, i));
                    start = i + 1;
                }
            }
            out.add(options.substring(start));
            return out;
        }

        private static String quoted(String option, String name) {
            String value = option.substring(name.length());
            if (value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"")) {
                throw new IllegalArgumentException(name + " needs a quoted value, e.g. " + name + "\"...\"");
            }
            return value.substring(1, value.length() - 1).replace("\\\"", "\"");
        }

        /** YYYYMMDD[HHMM[SS]] with an optional Z for UTC, else local time (as OpenSSH reads it). */
        private Instant time(String value) {
            boolean utc = value.endsWith("Z");
            String digits = utc ? value.substring(0, value.length() - 1) : value;
            ZoneId at = utc ? ZoneOffset.UTC : zone;
            try {
                return switch (digits.length()) {
                    case 8 -> LocalDate.parse(digits, DAY).atStartOfDay(at).toInstant();
                    case 12 -> LocalDateTime.parse(digits, MINUTE).atZone(at).toInstant();
                    case 14 -> LocalDateTime.parse(digits, SECOND).atZone(at).toInstant();
                    default -> throw new IllegalArgumentException("time '" + value + "' is not YYYYMMDD[HHMM[SS]][Z]");
                };
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("time '" + value + "' is not YYYYMMDD[HHMM[SS]][Z]");
            }
        }
    }
}
