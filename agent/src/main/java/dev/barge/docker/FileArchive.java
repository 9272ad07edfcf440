package dev.barge.docker;

import dev.barge.BargeException;
import dev.barge.config.model.ServiceSpec.FileMount;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds the tar archive the Engine API's {@code PUT /containers/{id}/archive} extracts at {@code /}:
 * one regular file per mount, with its owner and mode, built in memory. The engine writes the files
 * into the container's writable layer on disk, so only configs come this way, never secrets. Missing
 * parent directories are created by the engine, owned by root.
 */
final class FileArchive {

    /** Compose's default for configs and secrets. */
    static final int DEFAULT_MODE = 0444;
    private static final int REGULAR_FILE = 0100000;

    private FileArchive() {
    }

    static byte[] tar(String containerName, List<FileMount> files) {
        Set<String> targets = new HashSet<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (FileMount f : files) {
                String name = entryName(containerName, f);
                if (!targets.add(name)) {
                    throw BargeException.badInput("container " + containerName + ": two configs or secrets target "
                            + f.target() + ": give each its own target");
                }
                byte[] content = f.content().bytes();
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(content.length);
                entry.setMode(REGULAR_FILE | (f.mode() == null ? DEFAULT_MODE : f.mode() & 07777));
                entry.setUserId(id(containerName, f, "uid", f.uid()));
                entry.setGroupId(id(containerName, f, "gid", f.gid()));
                entry.setModTime(Instant.now().toEpochMilli());
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            // a ByteArrayOutputStream does not fail; kept unchecked so callers need not pretend it can
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String entryName(String containerName, FileMount f) {
        String target = f.target();
        if (target == null || !target.startsWith("/") || target.endsWith("/")) {
            throw BargeException.badInput("container " + containerName + ": " + f.name() + " has target '" + target
                    + "': use an absolute file path such as /run/secrets/" + f.name());
        }
        for (String segment : target.substring(1).split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw BargeException.badInput("container " + containerName + ": " + f.name() + " has target '"
                        + target + "' with an empty, . or .. segment: use a plain absolute path");
            }
        }
        return target.substring(1);
    }

    private static long id(String containerName, FileMount f, String what, String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw BargeException.badInput("container " + containerName + ": " + f.name() + " has " + what + " '" + value
                + "': use a numeric id");
    }
}
