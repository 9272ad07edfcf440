package dev.barge.apply;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The host's tmpfs: the file system type the JDK reports, and {@code mount(8)}. */
final class SystemTmpfs implements Tmpfs {

    private static final long MOUNT_TIMEOUT_SECONDS = 30;

    @Override
    public boolean holds(Path dir) throws IOException {
        return Files.isDirectory(dir) && "tmpfs".equals(Files.getFileStore(dir).type());
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
