package dev.barge.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A work repository and a bare "remote" made with the real git CLI, isolated from the machine's
 * git config (HOME points into the temp dir).
 */
public final class GitFixture {
    public final Path root;
    public final Path work;
    public final Path remote;
    private final Map<String, String> env = new HashMap<>();

    public GitFixture(Path root) {
        this.root = root;
        this.work = root.resolve("work");
        this.remote = root.resolve("remote.git");
        try {
            Files.createDirectories(work);
            Files.createDirectories(root.resolve("home"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("HOME", root.resolve("home").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        git(root, "init", "-q", "--bare", "-b", "main", remote.toString());
        git(work, "init", "-q", "-b", "main");
        git(work, "remote", "add", "origin", remote.toString());
    }

    /** Extra environment for git (e.g. GNUPGHOME for GPG signing). */
    GitFixture env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public String fileUrl() {
        return "file://" + remote;
    }

    public GitFixture write(String path, String content) {
        try {
            Path file = work.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Commits everything staged or changed; {@code config} are extra {@code -c k=v} (e.g. signing) and commit flags. */
    public String commit(String message, String... extra) {
        git(work, "add", "-A");
        List<String> args = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        for (String e : extra) {
            if (e.startsWith("-")) {
                flags.add(e);
            } else {
                args.add("-c");
                args.add(e);
            }
        }
        args.add("commit");
        args.add("-q");
        args.add("--allow-empty");
        args.add("-m");
        args.add(message);
        args.addAll(flags);
        git(work, args.toArray(String[]::new));
        return head();
    }

    public String head() {
        return git(work, "rev-parse", "HEAD").strip();
    }

    public GitFixture push() {
        git(work, "push", "-q", "origin", "HEAD:refs/heads/main");
        return this;
    }

    GitFixture forcePush() {
        git(work, "push", "-q", "--force", "origin", "HEAD:refs/heads/main");
        return this;
    }

    String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Ada Lovelace", "-c", "user.email=ada@example.com",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        return Proc.run(dir, env, command);
    }
}
