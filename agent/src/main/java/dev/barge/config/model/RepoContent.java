package dev.barge.config.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A file or folder of the config repo that a service binds ({@code ./conf/nginx.conf:/etc/nginx/nginx.conf}),
 * read from the commit: apply writes it under the state dir, named by {@link #hash()}, and binds that.
 * {@code repoPath} is repo-relative ("" for the root); a folder's {@code files} are relative to it, a
 * single file's one entry has the path "". Never holds a secret: sops-encrypted files are refused.
 */
public record RepoContent(String repoPath, boolean directory, List<Entry> files) {

    public RepoContent {
        files = files.stream().sorted(Comparator.comparing(Entry::path)).toList();
    }

    /** One file: its path inside the bound folder ("" when a single file is bound), bytes and mode bit. */
    public record Entry(String path, FileContent content, boolean executable) {
        /** 0755 for a file committed executable, else 0644, as git records modes. */
        public int mode() {
            return executable ? 0755 : 0644;
        }
    }

    /**
     * SHA-256 (hex) over the kind, every path, mode and content hash: the same tree gives the same
     * name on every node and every run, and any change of a byte, a name or a mode gives another.
     */
    public String hash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((directory ? "dir\n" : "file\n").getBytes(StandardCharsets.UTF_8));
            for (Entry e : files) {
                digest.update((e.path() + "\0" + Integer.toOctalString(e.mode()) + "\0" + e.content().sha256() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** The name the bound file or folder gets under its hash directory: the last part of its repo path. */
    public String baseName() {
        int slash = repoPath.lastIndexOf('/');
        String name = slash < 0 ? repoPath : repoPath.substring(slash + 1);
        return name.isEmpty() ? "root" : name;
    }

    @Override
    public String toString() {
        return "RepoContent[" + repoPath + ", " + files.size() + " files]";
    }
}
