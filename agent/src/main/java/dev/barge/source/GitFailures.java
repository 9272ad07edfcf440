package dev.barge.source;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;

/**
 * Translates what JGit throws during a network call into a {@link BargeException} that says what
 * failed, on which remote (shown without credentials) and what to do next: a refused login or host
 * key is 77, an unreachable or silent remote is 69, a missing repository or branch is 65.
 */
final class GitFailures {
    private GitFailures() {
    }

    static BargeException translate(Throwable error, RemoteUrl url, String branch, RemoteAccess access) {
        return translate(error, url, branch, access.timeoutSeconds(), access.secrets(), access.knownHosts());
    }

    static BargeException translate(Throwable error, RemoteUrl url, String branch, int timeoutSeconds, List<String> secrets,
                                    Path knownHosts) {
        String where = url.redacted();
        String all = messages(error).toLowerCase(Locale.ROOT);

        if (has(error, UnknownHostException.class) || has(error, UnresolvedAddressException.class)) {
            return new BargeException(Failure.RETRY_LATER, "host unknown: cannot resolve " + url.host() + " for " + where
                    + ": check source.url and DNS; then run barge again (a running barge agent retries by itself)", error);
        }
        if (isHostKeyProblem(all)) {
            String file = knownHosts == null ? "KNOWN_HOSTS" : knownHosts.toString();
            return new BargeException(Failure.REFUSED, "host key of " + url.host() + " refused for " + where
                    + ": it is not in " + file + " (or it changed); check its fingerprint and add it, e.g. ssh-keyscan"
                    + portOption(url) + " " + url.host() + " >> " + file, error);
        }
        if (isAuthProblem(all)) {
            return new BargeException(Failure.REFUSED, "authentication refused by " + where
                    + ": check source.auth (token or password file, or ssh_key and that the server accepts it)", error);
        }
        if (branch != null && all.contains("remote does not have refs/heads/" + branch.toLowerCase(Locale.ROOT))) {
            return new BargeException(Failure.BAD_INPUT, "branch " + branch + " not found on " + where
                    + ": check source.branch, or push the branch", error);
        }
        if (has(error, SocketTimeoutException.class) || has(error, InterruptedIOException.class)
                || all.contains("timed out") || all.contains("timeout")) {
            return new BargeException(Failure.RETRY_LATER, "timeout: " + where + " did not answer within "
                    + timeoutSeconds + " s: check that the git server is up; then run barge again (a running barge agent retries by itself)", error);
        }
        if (has(error, ConnectException.class) || has(error, NoRouteToHostException.class)
                || has(error, PortUnreachableException.class) || all.contains("connection refused")) {
            return new BargeException(Failure.RETRY_LATER, "connection refused by " + where
                    + ": check that the git server is up and source.url; then run barge again (a running barge agent retries by itself)", error);
        }
        if (has(error, NoRemoteRepositoryException.class) || error instanceof InvalidRemoteException
                || all.contains("not found") || all.contains("not exported") || all.contains("does not appear to be a git repository")) {
            return new BargeException(Failure.BAD_INPUT, "no git repository at " + where
                    + ": check source.url (and that the credentials may read it)", error);
        }
        if (has(error, NotSupportedException.class)) {
            return new BargeException(Failure.BAD_INPUT, "cannot talk to " + where + ": " + scrub(rootMessage(error), url, secrets)
                    + ": check source.url", error);
        }
        return new BargeException(Failure.RETRY_LATER, "fetching " + where + " failed: " + scrub(rootMessage(error), url, secrets)
                + "; then run barge again (a running barge agent retries by itself)", error);
    }

    private static boolean isHostKeyProblem(String all) {
        return all.contains("server key") || all.contains("host key") || all.contains("known_hosts")
                || all.contains("knownhosts") || all.contains("key exchange") && all.contains("verif");
    }

    private static boolean isAuthProblem(String all) {
        return all.contains("not authorized") || all.contains("authentication") || all.contains("auth fail")
                || all.contains("cannot log in") || all.contains(" 401") || all.contains(" 403")
                || all.contains("permission denied") || all.contains("no more authentication methods");
    }

    private static String portOption(RemoteUrl url) {
        int port = url.uri().getPort();
        return port > 0 && port != 22 ? " -p " + port : "";
    }

    /** Removes credentials from a library message: the secret values themselves and any URL user info. */
    static String scrub(String message, RemoteUrl url, List<String> secrets) {
        if (message == null) {
            return "unknown error";
        }
        String text = message.replace(url.raw(), url.redacted());
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                text = text.replace(secret, "***");
            }
        }
        text = text.replaceAll("(https?://)[^/@\\s]+@", "$1");
        return text.replaceAll("[\\r\\n]+", " ").strip();
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        String message = error.getMessage();
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        return message;
    }

    private static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
