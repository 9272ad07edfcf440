package dev.barge.docker;

import dev.barge.BargeException;

/**
 * An image reference split the way the pull API wants it: {@code repository} and {@code tag}, where
 * the tag may be a digest ({@code sha256:...}). The engine pulls every tag of a repository when the
 * tag is empty, so a reference without one means {@code latest}, as {@code docker pull} does.
 */
record ImageRef(String repository, String tag) {

    static ImageRef parse(String ref) {
        if (ref == null || ref.isBlank() || ref.chars().anyMatch(Character::isWhitespace)) {
            throw BargeException.badInput("image reference '" + ref + "' is not valid: use NAME[:TAG] or NAME@DIGEST");
        }
        int at = ref.indexOf('@');
        if (at >= 0) {
            return new ImageRef(ref.substring(0, at), ref.substring(at + 1));
        }
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        // a colon before the last slash belongs to a registry port (127.0.0.1:5000/app)
        if (colon > slash) {
            return new ImageRef(ref.substring(0, colon), ref.substring(colon + 1));
        }
        return new ImageRef(ref, "latest");
    }

    boolean isDigest() {
        return tag.contains(":");
    }
}
