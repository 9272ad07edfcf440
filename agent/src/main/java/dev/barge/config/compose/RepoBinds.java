package dev.barge.config.compose;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.FileContent;
import dev.barge.config.model.RepoContent;
import dev.barge.config.model.ServiceSpec.Mount;
import dev.barge.tree.FileTree;
import dev.barge.tree.RepoPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A relative host path in {@code volumes:} ({@code ./conf/nginx.conf}, {@code ./html}, {@code .}) names a file
 * or folder of the config repo next to the compose file, as in Compose. It is read from the commit here;
 * apply writes it under the state dir by content hash and binds that. Refused: a path leaving the repo, a
 * symlink, a path that is not in the repo, and sops-encrypted files (they go through {@code secrets:}).
 */
final class RepoBinds {
    private RepoBinds() {
    }

    /** The bind of {@code written} at {@code target}, or null after a problem at {@code node}. */
    static Mount read(Node node, String written, String target, boolean readOnly, Scope scope) {
        ComposeParser.Context context = scope.context();
        if (node.sensitive()) {
            node.report("a bind path must not come from a secret variable; name the file directly");
            return null;
        }
        // the path alone: in the short syntax the node is the whole "SOURCE:TARGET:MODE" item
        String shown = "'" + written + "'";
        String baseDir = node.baseDir(context.baseDir());
        Optional<String> resolved = RepoPaths.resolve(baseDir, written);
        if (resolved.isEmpty()) {
            node.report("the bind source " + shown + " " + RepoPaths.refusal(written) + ": a relative path names a"
                    + " file or folder of the config repo; use one inside it, or an absolute host path");
            return null;
        }
        String repoPath = resolved.get();
        FileTree tree = context.tree();
        try {
            Optional<byte[]> file = repoPath.isEmpty() ? Optional.empty() : tree.read(repoPath);
            List<RepoContent.Entry> files = new ArrayList<>();
            boolean directory = file.isEmpty();
            if (file.isPresent()) {
                files.add(entry(node, shown, repoPath, "", file.get(), scope));
            } else {
                collect(node, shown, repoPath, repoPath, files, scope);
            }
            if (files.isEmpty() && (file.isPresent() || tree.directories(repoPath).isEmpty())) {
                node.report("the bind source " + shown + " (" + (repoPath.isEmpty() ? "the repository root" : repoPath)
                        + ") is not in the repository (" + tree.describe() + "): Compose would create an empty directory"
                        + " there, barge binds only what the repo holds; commit the file or folder, or use a named volume");
                return null;
            }
            if (files.stream().anyMatch(e -> e == null)) {
                return null;
            }
            // written in another file (extends, include): shown relative to this compose file, so render reads back
            String source = baseDir.equals(context.baseDir()) ? written : RepoPaths.relative(context.baseDir(), repoPath);
            return new Mount(Mount.Type.BIND, source, target, readOnly, null, new RepoContent(repoPath, directory, files));
        } catch (BargeException e) {
            // a symlink, a device or a file over the read limits: a problem at the line that names it
            if (e.failure() != Failure.BAD_INPUT) {
                throw e;
            }
            node.report(e.getMessage());
            return null;
        }
    }

    private static void collect(Node node, String shown, String root, String dir, List<RepoContent.Entry> files,
                                Scope scope) {
        FileTree tree = scope.context().tree();
        for (String path : tree.list(dir)) {
            byte[] bytes = tree.read(path).orElse(null);
            if (bytes != null) {
                files.add(entry(node, shown, path, root.isEmpty() ? path : path.substring(root.length() + 1), bytes, scope));
            }
        }
        for (String sub : tree.directories(dir)) {
            if (sub.equals(".git") || sub.endsWith("/.git")) {
                continue; // a local checkout's git directory is not part of any commit
            }
            collect(node, shown, root, sub, files, scope);
        }
    }

    /** The entry, or null after a problem: a sops file is never written to the host in clear. */
    private static RepoContent.Entry entry(Node node, String shown, String repoPath, String inside, byte[] bytes,
                                           Scope scope) {
        if (RepoFiles.encrypted(repoPath, bytes, scope.context())) {
            node.report("the bind source " + shown + " holds " + repoPath + ", which is sops-encrypted: barge never"
                    + " writes a secret to the host's disk; declare it under top-level secrets: and give the service"
                    + " secrets: [NAME] with target: the path it needs");
            return null;
        }
        return new RepoContent.Entry(inside, new FileContent(bytes, false), scope.context().tree().executable(repoPath));
    }
}
