package dev.barge.config.compose;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.tree.RepoPaths;
import java.util.Map;
import java.util.Optional;

/** Files a compose file names in the repo (env_file, configs, secrets), resolved against its directory. */
final class RepoFiles {
    private RepoFiles() {
    }

    /** The repo-relative path, or empty after a problem when {@code path} leaves the repo. */
    static Optional<String> resolve(Node node, String path, ComposeParser.Context context) {
        if (node.sensitive()) {
            // the path would show up in problems and file names; a secret has no place there
            node.report("a file path must not come from a secret variable; name the file directly");
            return Optional.empty();
        }
        String baseDir = node.baseDir(context.baseDir());
        Optional<String> resolved = RepoPaths.resolve(baseDir, path);
        if (resolved.isEmpty() || resolved.get().isEmpty()) {
            node.report("the path " + node.shown() + " " + RepoPaths.refusal(path) + "; name a file inside it, relative to "
                    + (baseDir.isEmpty() ? "the repository root" : baseDir));
            return Optional.empty();
        }
        return resolved;
    }

    /**
     * The file's bytes, or empty (with a problem when {@code required}) when the repo has no such file;
     * a file the tree refuses to read (a symlink, a device, over a limit) is a problem even when optional.
     */
    static Optional<byte[]> read(Node node, String repoPath, boolean required, ComposeParser.Context context) {
        Optional<byte[]> content;
        try {
            content = context.tree().read(repoPath);
        } catch (BargeException e) {
            // a symlink, a device or a file over the read limits: a problem at the line that names it
            if (e.failure() != Failure.BAD_INPUT) {
                throw e;
            }
            node.report(e.getMessage());
            return Optional.empty();
        }
        if (content.isEmpty() && required) {
            node.report("the file " + repoPath + " is not in the repository (" + context.tree().describe() + ")");
        }
        return content;
    }

    static boolean encrypted(String repoPath, byte[] content, ComposeParser.Context context) {
        return context.secrets().isEncrypted(repoPath, content);
    }

    /** The flattened variables of a sops file, or null after a problem (the message names no value). */
    static Map<String, String> decryptVariables(Node node, String repoPath, byte[] content, ComposeParser.Context context) {
        try {
            return context.secrets().variables(repoPath, content);
        } catch (BargeException e) {
            rethrowRefusal(e);
            node.report(e.getMessage());
            return null;
        }
    }

    /** The decrypted bytes of a sops file, or null after a problem. */
    static byte[] decryptContent(Node node, String repoPath, byte[] content, ComposeParser.Context context) {
        try {
            return context.secrets().content(repoPath, content);
        } catch (BargeException e) {
            rethrowRefusal(e);
            node.report(e.getMessage());
            return null;
        }
    }

    /**
     * A MAC mismatch or a missing identity is not a mistake in the repo but a refusal that needs a
     * human (exit 77): it stops the load instead of joining the list of problems.
     */
    private static void rethrowRefusal(BargeException e) {
        if (e.failure() == Failure.REFUSED) {
            throw e;
        }
    }
}
