package dev.barge.apply;

import dev.barge.docker.ActualState;
import java.util.List;

/** Which digest to record for the image a service runs. */
final class ResolvedDigest {

    private static final List<String> HUB_PREFIXES = List.of("docker.io/", "index.docker.io/", "registry-1.docker.io/");

    private ResolvedDigest() {
    }

    /**
     * The repo digest of {@code ref}'s repository ({@code busybox@sha256:...}); a reference that is a
     * digest already is kept; another repository's digest when the image has only those; the image
     * id when it came from no registry (built or imported locally).
     */
    static String of(String ref, ActualState.Image image) {
        int at = ref.indexOf('@');
        if (at > 0) {
            return ref;
        }
        String wanted = familiar(repository(ref));
        for (String d : image.repoDigests()) {
            int dAt = d.indexOf('@');
            if (dAt > 0 && familiar(d.substring(0, dAt)).equals(wanted)) {
                return d;
            }
        }
        return image.repoDigests().isEmpty() ? image.id() : image.repoDigests().get(0);
    }

    /** The reference without its tag; a colon before the last slash is a registry port. */
    static String repository(String ref) {
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        return colon > slash ? ref.substring(0, colon) : ref;
    }

    /** Docker Hub names as the engine reports them: docker.io/library/busybox is busybox. */
    static String familiar(String repository) {
        String r = repository;
        for (String prefix : HUB_PREFIXES) {
            if (r.startsWith(prefix)) {
                r = r.substring(prefix.length());
            }
        }
        return r.startsWith("library/") ? r.substring("library/".length()) : r;
    }
}
