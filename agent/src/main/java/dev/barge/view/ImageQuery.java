package dev.barge.view;

import dev.barge.BargeException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code barge status --image NAME} looks for. {@code busybox} matches every tag and digest of
 * that repository, {@code busybox:1.36} that tag ({@code busybox} alone in a compose file means
 * {@code latest}), {@code busybox@sha256:...} that digest, and {@code sha256:...} or a hex prefix of
 * at least 6 digits an image id. Docker Hub's implicit names are equal to their short form
 * ({@code docker.io/library/busybox} is {@code busybox}).
 */
public record ImageQuery(String text, String repository, String tag, String digest, String idPrefix) {

    private static final Pattern REF = Pattern.compile(
            "(?<repo>[a-z0-9][a-z0-9._/:-]*?)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>[a-z0-9]+:[a-f0-9]{6,}))?");
    private static final Pattern ID = Pattern.compile("(?:sha256:)?([a-f0-9]{6,64})");

    /** Checks {@code text} eagerly so that the engine is only ever asked about a well-formed reference. */
    public static ImageQuery parse(String text) {
        String t = text == null ? "" : text.strip();
        Matcher id = ID.matcher(t);
        String idPrefix = id.matches() ? id.group(1) : null;
        if (t.startsWith("sha256:")) {
            if (idPrefix == null) {
                throw notAnImage(text);
            }
            return new ImageQuery(t, null, null, null, idPrefix);
        }
        Matcher ref = REF.matcher(t);
        if (!ref.matches() || !wellFormed(ref.group("repo"))) {
            throw notAnImage(text);
        }
        return new ImageQuery(t, normalize(ref.group("repo")), ref.group("tag"), ref.group("digest"), idPrefix);
    }

    /** Whether {@code ref}, an image reference as a container or a record names it, is this image. */
    public boolean matchesRef(String ref) {
        if (ref == null || repository == null) {
            return false;
        }
        Matcher m = REF.matcher(ref.strip());
        if (!m.matches() || !normalize(m.group("repo")).equals(repository)) {
            return false;
        }
        if (digest != null) {
            return digest.equals(m.group("digest"));
        }
        if (tag != null) {
            String refTag = m.group("tag") != null ? m.group("tag") : m.group("digest") == null ? "latest" : null;
            return tag.equals(refTag);
        }
        return true;
    }

    /** Whether {@code imageId} ({@code sha256:...}) is the image this query names by id. */
    public boolean matchesId(String imageId) {
        if (imageId == null || idPrefix == null) {
            return false;
        }
        String hex = imageId.startsWith("sha256:") ? imageId.substring("sha256:".length()) : imageId;
        return hex.toLowerCase(Locale.ROOT).startsWith(idPrefix);
    }

    /** A recorded digest is a {@code name@sha256:...} reference, or an image id when the image had none. */
    public boolean matchesRecorded(String recorded) {
        return recorded != null && (recorded.startsWith("sha256:") ? matchesId(recorded) : matchesRef(recorded));
    }

    /** No empty path component or port: the pattern alone lets {@code busybox:} and {@code a//b} through. */
    private static boolean wellFormed(String repository) {
        return !repository.endsWith("/") && !repository.endsWith(":") && !repository.contains("//")
                && !repository.contains("::") && !repository.contains(":/");
    }

    private static String normalize(String repository) {
        String r = repository;
        for (String hub : new String[] {"docker.io/", "index.docker.io/", "registry-1.docker.io/"}) {
            if (r.startsWith(hub)) {
                r = r.substring(hub.length());
                break;
            }
        }
        return r.startsWith("library/") && r.indexOf('/', "library/".length()) < 0 ? r.substring("library/".length()) : r;
    }

    private static BargeException notAnImage(String text) {
        return BargeException.badInput("--image '" + text + "' is not an image reference: use NAME, NAME:TAG,"
                + " NAME@sha256:DIGEST or an image id (sha256:...)");
    }

    @Override
    public String toString() {
        return text;
    }
}
