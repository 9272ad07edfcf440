package dev.barge.source;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.net.URISyntaxException;
import java.util.Locale;
import org.eclipse.jgit.transport.URIish;

/**
 * {@code source.url} parsed once: which transport it needs and how to show it without credentials.
 * Accepted: https (and http), ssh ({@code ssh://} or {@code user@host:path}), {@code git://}, {@code file://}.
 */
record RemoteUrl(String raw, URIish uri, Kind kind) {

    enum Kind {
        HTTP, SSH, GIT, FILE
    }

    static RemoteUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new BargeException(Failure.BAD_INPUT, "source.url is empty: set it to the config repository (https, ssh, git:// or file://)");
        }
        URIish uri;
        try {
            uri = new URIish(url.strip());
        } catch (URISyntaxException e) {
            throw new BargeException(Failure.BAD_INPUT, "source.url is not a git URL (" + e.getReason()
                    + "): use https://host/repo.git, git@host:repo.git, git://host/repo.git or file:///path");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Kind kind = switch (scheme) {
            case "https", "http" -> Kind.HTTP;
            case "ssh", "git+ssh", "ssh+git" -> Kind.SSH;
            case "git" -> Kind.GIT;
            case "file" -> Kind.FILE;
            case "" -> uri.getHost() != null ? Kind.SSH : Kind.FILE;
            default -> throw new BargeException(Failure.BAD_INPUT, "source.url scheme " + scheme
                    + ":// is not supported: use https, ssh, git:// or file://");
        };
        return new RemoteUrl(url.strip(), uri, kind);
    }

    /**
     * The URL git is given and the cache's config stores: without credentials, which go through a
     * credentials provider instead (see {@link RemoteAccess}), so they never land in a file on disk.
     */
    String withoutCredentials() {
        return redacted();
    }

    /** The URL with no password, and for http no user either (a token is often put there). */
    String redacted() {
        URIish shown = uri.setPass(null);
        if (kind == Kind.HTTP) {
            shown = shown.setUser(null);
        }
        return shown.toString();
    }

    /** For messages: the host (or the path for local repositories). */
    String host() {
        return uri.getHost() == null ? uri.getPath() : uri.getHost();
    }

    @Override
    public String toString() {
        return redacted();
    }
}
