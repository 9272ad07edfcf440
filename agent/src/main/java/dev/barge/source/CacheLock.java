package dev.barge.source;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Keeps a CLI run and the daemon from fetching into (or re-cloning) the same cache at once. An OS
 * file lock, so a crashed holder never leaves it stuck.
 */
final class CacheLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private CacheLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static CacheLock acquire(Path file, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new CacheLock(channel, lock);
                }
                if (System.nanoTime() > deadline) {
                    channel.close();
                    throw new BargeException(Failure.RETRY_LATER, "the git cache is locked by another barge process ("
                            + file + ") for more than " + wait.toSeconds() + " s: retry when it is done");
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw new BargeException(Failure.FAILED, "cannot lock the git cache with " + file + ": " + e.getMessage()
                    + ": check that state_dir is writable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(channel);
            throw new BargeException(Failure.RETRY_LATER, "interrupted while waiting for the git cache lock " + file);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it as well
        }
        closeQuietly(channel);
    }
}
