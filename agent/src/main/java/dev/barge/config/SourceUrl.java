package dev.barge.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The forms {@code source.url} may take: {@code https://}, {@code ssh://}, scp-like
 * {@code git@host:path}, {@code git://}, {@code file://} and a plain local path. A local repository
 * (plain path, or {@code file://} followed by a relative path) is resolved against the agent config's
 * directory and normalized to {@code file:///absolute/path}, so the agent's working directory never matters.
 */
final class SourceUrl {
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://(.*)$");
    /** Git's rule: a colon before the first slash makes it scp-like, as in {@code git@host:org/repo.git}. */
    private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/:]+@)?[A-Za-z0-9.-]+:(?!//).*$");

    private SourceUrl() {
    }

    /** @throws IllegalArgumentException saying which forms are accepted */
    static String normalize(String url, Path baseDir) {
        var scheme = SCHEME.matcher(url);
        if (scheme.matches()) {
            String name = scheme.group(1).toLowerCase(Locale.ROOT);
            String rest = scheme.group(2);
            return switch (name) {
                case "https", "ssh", "git" -> {
                    if (rest.isEmpty() || rest.startsWith("/")) {
                        throw new IllegalArgumentException(url + " has no host");
                    }
                    yield url;
                }
                case "file" -> local(rest, baseDir);
                case "http" -> throw new IllegalArgumentException(url + " would send credentials in the clear: use https://");
                default -> throw new IllegalArgumentException(url + " uses " + name + "://, which barge does not fetch from:"
                        + " use https://, ssh://, git@host:path, git://, file:// or a local path");
            };
        }
        if (SCP_LIKE.matcher(url).matches() && !url.matches("^[A-Za-z]:[\\\\/].*")) {
            return url;
        }
        return local(url, baseDir);
    }

    /** True for the forms that authenticate with an ssh key. */
    static boolean isSsh(String url) {
        return url.toLowerCase(Locale.ROOT).startsWith("ssh://") || (!SCHEME.matcher(url).matches() && SCP_LIKE.matcher(url).matches());
    }

    private static String local(String path, Path baseDir) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("file:// needs a path, e.g. file:///srv/deploy.git");
        }
        Path resolved = baseDir.resolve(path).toAbsolutePath().normalize();
        return "file://" + resolved.toString().replace('\\', '/');
    }
}
