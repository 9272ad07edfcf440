package dev.barge.docker;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.UnauthorizedException;
import dev.barge.BargeException;
import dev.barge.Failure;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns docker-java's exceptions into one-line {@link BargeException}s; the only place that reads them. */
final class EngineErrors {

    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern STATUS_PREFIX = Pattern.compile("^Status \\d+:\\s*");
    private static final int MAX_LENGTH = 400;

    private final String host;

    EngineErrors(String host) {
        this.host = host;
    }

    BargeException unreachable(Throwable cause) {
        return new BargeException(Failure.RETRY_LATER, "Docker engine at " + host
                + " does not answer: start it (systemctl start docker) or set DOCKER_HOST", cause);
    }

    /**
     * {@code action} says what was being done ("create container web-app-1"); the engine's own message
     * follows it. A request the engine rejects as malformed is bad input, a missing login refused,
     * a lost connection retry-later, everything else a failure.
     */
    BargeException translate(String action, RuntimeException e) {
        if (e instanceof BargeException be) {
            return be;
        }
        if (isConnectionProblem(e)) {
            return unreachable(e);
        }
        String detail = engineMessage(e);
        Failure failure;
        if (e instanceof BadRequestException) {
            failure = Failure.BAD_INPUT;
        } else if (e instanceof UnauthorizedException) {
            failure = Failure.REFUSED;
        } else {
            failure = Failure.FAILED;
        }
        String hint = e instanceof ConflictException ? ": remove or rename what is in the way"
                : e instanceof NotFoundException ? ": it does not exist in the engine" : "";
        return new BargeException(failure, action + " failed: " + detail + hint, e);
    }

    static boolean isConnectionProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The engine's {@code "message"} from the response body, on one line; the exception text otherwise. */
    static String engineMessage(Throwable e) {
        String raw = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher m = MESSAGE.matcher(raw);
        String text = m.find() ? unescape(m.group(1)) : STATUS_PREFIX.matcher(raw).replaceFirst("");
        if (e instanceof DockerException && text.isBlank()) {
            text = "HTTP status " + ((DockerException) e).getHttpStatus();
        }
        return oneLine(text);
    }

    static String oneLine(String text) {
        String line = text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "..." : line;
    }

    private static String unescape(String json) {
        StringBuilder sb = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\\' && i + 1 < json.length()) {
                char n = json.charAt(++i);
                switch (n) {
                    case 'n', 'r', 't' -> sb.append(' ');
                    case 'u' -> {
                        try {
                            sb.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                            i += 4;
                        } catch (NumberFormatException | IndexOutOfBoundsException bad) {
                            sb.append('u');
                        }
                    }
                    default -> sb.append(n);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
