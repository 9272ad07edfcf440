package dev.barge.apply;

import dev.barge.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The host's tmpfs, found in {@code /proc/self/mountinfo} and made with {@code mount(8)}. A directory
 * on some tmpfs is not enough: {@code /dev/shm} is one, and a link to a directory there would hand
 * the secrets to whoever made the link. Only a tmpfs mounted on that very path, owned by this user
 * and private to it, is barge's own.
 */
final class SystemTmpfs implements Tmpfs {

    private static final long MOUNT_TIMEOUT_SECONDS = 30;
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    @Override
    public boolean holds(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(abs, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (!attributes.isDirectory() || PrivateFiles.owner(abs, LinkOption.NOFOLLOW_LINKS) != PrivateFiles.currentUid()
                || PrivateFiles.mode(abs, LinkOption.NOFOLLOW_LINKS) != 0700) {
            return false;
        }
        // mountinfo names mount points by their real path
        Path real = abs.getParent().toRealPath().resolve(abs.getFileName());
        return tmpfsMountedAt(Files.readAllLines(MOUNTINFO, StandardCharsets.UTF_8), real);
    }

    /**
     * Whether the topmost mount on exactly {@code path} is a tmpfs. A mountinfo line (proc(5)):
     * {@code id parent major:minor root mount-point options [optional fields] - fstype source super-options},
     * with space, tab, newline and backslash in paths written as octal escapes.
     */
    static boolean tmpfsMountedAt(List<String> mountinfo, Path path) {
        String wanted = path.toString();
        String type = null;
        for (String line : mountinfo) {
            String[] fields = line.split(" ");
            int separator = List.of(fields).indexOf("-");
            if (fields.length < 5 || separator < 0 || separator + 1 >= fields.length) {
                continue;
            }
            if (unescape(fields[4]).equals(wanted)) {
                type = fields[separator + 1]; // later lines are mounted on top of earlier ones
            }
        }
        return "tmpfs".equals(type);
    }

    private static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public void mount(Path dir) throws IOException {
        Process p = new ProcessBuilder(List.of("mount", "-t", "tmpfs", "-o", OPTIONS, "tmpfs", dir.toString()))
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip();
        }
        try {
            if (!p.waitFor(MOUNT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("mount did not finish within " + MOUNT_TIMEOUT_SECONDS + "s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while mounting");
        }
        if (p.exitValue() != 0) {
            String firstLine = output.lines().findFirst().orElse("");
            throw new IOException("mount exited with " + p.exitValue() + (firstLine.isEmpty() ? "" : ": " + firstLine));
        }
    }
}
