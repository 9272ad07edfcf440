package dev.barge.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Writes that a crash (SIGKILL, power loss) never leaves half-done: write a temp file in the same
 * directory, fsync it, rename it over the target, fsync the directory. Every file is 0600 whatever
 * the umask, and none is opened through a symbolic link.
 */
final class AtomicFiles {
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_ATTRIBUTE = PosixFilePermissions.asFileAttribute(PRIVATE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** What fills the temp file. */
    interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    static void write(Path target, byte[] content) throws IOException {
        write(target, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        });
    }

    static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        byte[] suffix = new byte[8];
        RANDOM.nextBytes(suffix);
        Path temp = dir.resolve("." + target.getFileName() + "." + HexFormat.of().formatHex(suffix) + ".tmp");
        try {
            // CREATE_NEW: never a file (or link) someone else put there
            try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS), PRIVATE_ATTRIBUTE)) {
                Files.setPosixFilePermissions(temp, PRIVATE);
                content.writeTo(channel);
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Appends one line and fsyncs. A crash mid-append can leave a torn last line; readers skip a
     * line that does not parse, and the next append ends the torn line first, so that the entry it
     * writes is not glued to the fragment and lost with it. Callers hold the state lock.
     */
    static void appendLine(Path target, String line) throws IOException {
        try (FileChannel channel = FileChannel.open(target, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PRIVATE_ATTRIBUTE)) {
            Files.setPosixFilePermissions(target, PRIVATE);
            long position = channel.size();
            String text = line + "\n";
            if (position > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                channel.read(last, position - 1);
                if (last.get(0) != '\n') {
                    text = "\n" + text;
                }
            }
            ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(true);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some filesystems refuse to open a directory; the rename is still atomic there
        }
    }
}
