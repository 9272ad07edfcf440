package dev.barge.record;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The lock that keeps a CLI apply and the daemon (or two CLI runs) apart. An OS file lock, so it is
 * released when the holder dies, even by SIGKILL. The holder writes who it is into the lock file so a
 * waiter can say who holds it.
 */
public final class StateLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits up to {@code wait} for the lock; then refuses naming the holder. */
    public static StateLock acquire(Path stateDir, String holder, Duration wait) {
        return acquire(stateDir, holder, wait, line -> { });
    }

    /**
     * As {@link #acquire(Path, String, Duration)}, and tells {@code waiting} once, when the lock is
     * held, who holds it, so that a waiting run does not look hung.
     */
    public static StateLock acquire(Path stateDir, String holder, Duration wait, Consumer<String> waiting) {
        Path file = StateDir.open(stateDir).resolve("lock");
        try {
            // never through a link: truncating it would empty whatever it points at
            FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Instant start = Instant.now();
            Instant deadline = start.plus(wait);
            boolean told = false;
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    String me = holder + " (pid " + ProcessHandle.current().pid() + ", since " + Instant.now() + ")";
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
                    channel.force(false);
                    return new StateLock(channel, lock);
                }
                // the holder writes its name just after it locks: give it a moment so the line can name it
                if (!told && (!Files.readString(file).isBlank() || Instant.now().isAfter(start.plusSeconds(1)))) {
                    told = true;
                    waiting.accept("waiting up to " + wait.toSeconds() + "s for the lock on " + stateDir
                            + ", held by " + holderOf(file));
                }
                if (Instant.now().isAfter(deadline)) {
                    String who = holderOf(file);
                    channel.close();
                    throw new BargeException(Failure.RETRY_LATER, "the state dir " + stateDir + " is locked by "
                            + who + "; waited " + wait.toSeconds()
                            + "s: try again when it has finished");
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new BargeException(Failure.FAILED, "cannot lock " + file + ": " + e.getMessage()
                    + ": check that the state dir is writable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BargeException(Failure.FAILED, "interrupted while waiting for the lock on " + file, e);
        }
    }

    private static String holderOf(Path file) throws IOException {
        // the holder may be between truncate and write: then it is not yet known by name
        String who = Files.readString(file).trim();
        return who.isEmpty() ? "another barge process" : who;
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this JVM (another thread)
        }
    }

    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the OS lock in any case
        }
    }
}
