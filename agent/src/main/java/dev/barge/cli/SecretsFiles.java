package dev.barge.cli;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * File access of the secrets commands. Only ciphertext and new identities are ever written: a file is
 * replaced through a temp file in its own directory (fsync, atomic rename), an identity is created
 * with mode 0600 from the start and never overwrites anything.
 */
final class SecretsFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecretsFiles() {
    }

    /** A regular file of at most source.max_file_size's default: a secrets file is small, and read whole. */
    static byte[] read(Path file) {
        long max = AgentConfig.ReadLimits.DEFAULTS.maxFileSize();
        try {
            if (!Files.isRegularFile(file) && Files.exists(file)) {
                throw BargeException.badInput(file + " is not a regular file: pass the file itself");
            }
            byte[] content;
            try (InputStream in = Files.newInputStream(file)) {
                content = in.readNBytes((int) max + 1);
            }
            if (content.length > max) {
                throw BargeException.badInput(file + " is larger than " + (max >> 20) + " MiB, the limit for a file barge"
                        + " reads: a secrets file holds keys and values, not data; keep large files out of sops");
            }
            return content;
        } catch (NoSuchFileException e) {
            throw BargeException.badInput(file + " does not exist: check the path");
        } catch (AccessDeniedException e) {
            throw BargeException.badInput(file + " is not readable by this user: check its owner and mode");
        } catch (IOException e) {
            throw BargeException.badInput(file + " cannot be read (" + e.getClass().getSimpleName() + "): check that it is a file");
        }
    }

    /** Replaces {@code target} atomically with {@code content}, keeping its permissions. */
    static void replaceAtomically(Path target, byte[] content) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(absolute));
            } catch (UnsupportedOperationException | NoSuchFileException e) {
                // not POSIX, or a new file: the temp file's owner-only mode stays
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                writeAll(channel, content);
                channel.force(true);
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new BargeException(Failure.FAILED, "cannot replace " + target + " (" + e.getClass().getSimpleName()
                    + "): check that its directory is writable; the file is unchanged");
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // best effort: it holds ciphertext only
                }
            }
        }
    }

    /** Creates {@code file} with mode 0600 holding {@code text}; refuses to overwrite an existing file. */
    static void createPrivate(Path file, String text) {
        EnumSet<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (SeekableByteChannel channel = open(file, options)) {
            writeAll(channel, text.getBytes(StandardCharsets.UTF_8));
            if (channel instanceof FileChannel) {
                ((FileChannel) channel).force(true);
            }
        } catch (FileAlreadyExistsException e) {
            throw BargeException.badInput(file + " already exists: refusing to overwrite an identity; choose another path");
        } catch (IOException e) {
            throw new BargeException(Failure.FAILED, "cannot create " + file + " (" + e.getClass().getSimpleName()
                    + "): check that its directory exists and is writable");
        }
    }

    private static SeekableByteChannel open(Path file, Set<StandardOpenOption> options) throws IOException {
        try {
            return Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            return Files.newByteChannel(file, options);
        }
    }

    private static void writeAll(SeekableByteChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename itself is atomic
        }
    }
}
