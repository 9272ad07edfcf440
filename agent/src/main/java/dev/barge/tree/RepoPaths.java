package dev.barge.tree;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Repo-relative path arithmetic: a path in the repo may not escape its root. */
public final class RepoPaths {
    private RepoPaths() {
    }

    /**
     * {@code path} resolved against the repo-relative directory {@code fromDir} ("" for the root) and
     * normalized; empty when it is absolute or climbs above the root with "..".
     */
    public static Optional<String> resolve(String fromDir, String path) {
        if (path.startsWith("/") || path.startsWith("~") || path.matches("^[A-Za-z]:.*") || hasControl(path)) {
            return Optional.empty();
        }
        Deque<String> parts = new ArrayDeque<>();
        String joined = fromDir.isEmpty() ? path : fromDir + "/" + path;
        for (String part : joined.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return Optional.of(String.join("/", parts));
    }

    /** Why {@link #resolve} refused {@code path}, for a message: "leaves the repository", or the control character. */
    public static String refusal(String path) {
        return hasControl(path) ? "has a control character in its name" : "leaves the repository";
    }

    // no file name in a repo has one, and a NUL is refused by the file system APIs with an internal error
    private static boolean hasControl(String path) {
        return path.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    /**
     * The repo path {@code path} as seen from the repo directory {@code fromDir}: {@code ./x/y} below it,
     * {@code ../x} beside it, {@code .} for the directory itself.
     */
    public static String relative(String fromDir, String path) {
        String[] from = fromDir.isEmpty() ? new String[0] : fromDir.split("/");
        String[] to = path.isEmpty() ? new String[0] : path.split("/");
        int common = 0;
        while (common < from.length && common < to.length && from[common].equals(to[common])) {
            common++;
        }
        StringBuilder out = new StringBuilder(common == from.length ? "." : "");
        for (int i = common; i < from.length; i++) {
            out.append(out.length() == 0 ? ".." : "/..");
        }
        for (int i = common; i < to.length; i++) {
            out.append('/').append(to[i]);
        }
        return out.toString();
    }

    /** The directory part of a repo-relative file path ("" for a file at the root). */
    public static String parent(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }
}
