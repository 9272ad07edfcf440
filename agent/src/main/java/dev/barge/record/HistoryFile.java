package dev.barge.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code history.jsonl} read from its end, so that {@code barge history -n 1} costs the same on a
 * file of any size, and cut back to its newest {@link #KEEP} lines once it grows past a size.
 */
final class HistoryFile {
    /** How many entries a rotation keeps. */
    static final int KEEP = 10_000;
    /** Past this size the next append rotates the file. */
    static final long ROTATE_AT = 16L << 20;
    private static final int BLOCK = 64 * 1024;

    private final Path file;
    private final long rotateAt;

    HistoryFile(Path file, long rotateAt) {
        this.file = file;
        this.rotateAt = rotateAt;
    }

    /** The newest {@code count} lines that {@code parse} accepts, oldest first; a torn or blank line is skipped. */
    <T> List<T> newest(int count, Function<String, Optional<T>> parse) throws IOException {
        try (FileChannel channel = open()) {
            for (long lines = count; ; lines = Math.min(Integer.MAX_VALUE, lines * 2)) {
                long start = startOfLastLines(channel, lines);
                Deque<T> kept = new ArrayDeque<>();
                channel.position(start);
                BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                        StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    parse.apply(line).ifPresent(kept::addLast);
                    if (kept.size() > count) {
                        kept.removeFirst();
                    }
                }
                if (kept.size() >= count || start == 0 || lines >= Integer.MAX_VALUE) {
                    return new ArrayList<>(kept);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /**
     * When the file has grown past the rotation size and holds more than {@link #KEEP} lines, replaces
     * it (atomically) with its newest {@link #KEEP} lines. Callers hold the state lock.
     */
    void rotateIfLarge() throws IOException {
        try (FileChannel channel = open()) {
            if (channel.size() <= rotateAt) {
                return;
            }
            long start = startOfLastLines(channel, KEEP);
            if (start == 0) {
                return;
            }
            long size = channel.size();
            AtomicFiles.write(file, out -> {
                for (long at = start; at < size; ) {
                    at += channel.transferTo(at, size - at, out);
                }
            });
        }
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * Where the last {@code lines} lines start, 0 when the file has no more than that: scans back
     * block by block counting newlines. The newline that ends the last line does not start another.
     */
    static long startOfLastLines(FileChannel channel, long lines) throws IOException {
        long end = channel.size();
        if (end > 0 && byteAt(channel, end - 1) == '\n') {
            end--;
        }
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        long seen = 0;
        while (end > 0) {
            long from = Math.max(0, end - BLOCK);
            block.clear().limit((int) (end - from));
            while (block.hasRemaining() && channel.read(block, from + block.position()) >= 0) {
                // read the whole block
            }
            for (int i = (int) (end - from) - 1; i >= 0; i--) {
                if (block.get(i) == '\n' && ++seen == lines) {
                    return from + i + 1;
                }
            }
            end = from;
        }
        return 0;
    }

    private static byte byteAt(FileChannel channel, long position) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, position);
        return one.get(0);
    }
}
