package dev.barge.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The host paths bind mounts may use. A path must be inside a root twice: as written (after removing
 * {@code .} and {@code ..}, as the engine cleans a bind source) and as the host resolves it now, with
 * every symbolic link followed, against the root's own real path. The second check is what stops a
 * container that can write under a root from planting {@code esc -> /} for another service's bind.
 * A path that does not exist yet is judged by its nearest existing ancestor: the engine creates the
 * rest as plain directories.
 */
final class BindRoots {
    private final List<Path> roots;

    BindRoots(List<Path> roots) {
        this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    @Override
    public String toString() {
        return roots.toString();
    }

    /**
     * Empty when {@code hostPath} is inside a root; else why not, a phrase ending in a comma
     * (", which resolves to / on this host,").
     */
    Optional<String> outside(String hostPath) {
        if (!inside(hostPath, roots)) {
            return Optional.of(",");
        }
        Optional<Path> real = real(Path.of(hostPath).normalize());
        if (real.isEmpty()) {
            return Optional.of(", which cannot be resolved on this host (a dangling link or an unreadable directory),");
        }
        boolean under = roots.stream().map(BindRoots::real).flatMap(Optional::stream).anyMatch(real.get()::startsWith);
        return under ? Optional.empty() : Optional.of(", which resolves to " + real.get() + " on this host,");
    }

    /**
     * Whether the host path lies in one of the roots, compared component by component after removing
     * {@code .} and {@code ..} (so {@code /srv/../etc} is outside {@code /srv}, and {@code /srvx} too).
     * A relative path cannot be proven inside any root.
     */
    static boolean inside(String hostPath, List<Path> roots) {
        if (hostPath == null || !hostPath.startsWith("/")) {
            return false;
        }
        try {
            Path path = Path.of(hostPath).normalize();
            return roots.stream().anyMatch(path::startsWith);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** The real path of an absolute, normalized path: its nearest existing ancestor's, plus the rest as written. */
    static Optional<Path> real(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(existing.toRealPath().resolve(existing.relativize(path)).normalize());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
