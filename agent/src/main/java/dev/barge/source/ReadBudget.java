package dev.barge.source;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one load may read from a config tree: each file at most {@code source.max_file_size}, all files
 * together at most {@code source.max_total_size}, checked against the size before the bytes are loaded.
 * A file is read once per tree: a second read returns the same bytes and costs nothing.
 */
final class ReadBudget {
    /** Loads at most {@code max + 1} bytes, so that a file that grew past its size is still caught. */
    interface Content {
        byte[] load(long max) throws IOException;
    }

    private final AgentConfig.ReadLimits limits;
    private final String where;
    private final Map<String, byte[]> read = new HashMap<>();
    private long total;

    ReadBudget(AgentConfig.ReadLimits limits, String where) {
        this.limits = limits == null ? AgentConfig.ReadLimits.DEFAULTS : limits;
        this.where = where;
    }

    /** The bytes of {@code path} when this load read it already (a copy the caller may keep). */
    synchronized Optional<byte[]> known(String path) {
        byte[] known = read.get(path);
        return known == null ? Optional.empty() : Optional.of(known.clone());
    }

    /** The bytes of {@code path}, whose size the tree reports as {@code size}; a copy the caller may keep. */
    synchronized byte[] take(String path, long size, Content content) throws IOException {
        byte[] known = read.get(path);
        if (known == null) {
            check(path, size);
            known = content.load(limits.maxFileSize());
            check(path, known.length);
            total += known.length;
            read.put(path, known);
        }
        return known.clone();
    }

    private void check(String path, long size) {
        if (size > limits.maxFileSize()) {
            throw new BargeException(Failure.BAD_INPUT, path + " in " + where + " is " + human(size)
                    + ", over the limit of " + human(limits.maxFileSize()) + " for one file of the config repo:"
                    + " keep large files out of it, or raise source.max_file_size in the agent config");
        }
        if (total + size > limits.maxTotalSize()) {
            throw new BargeException(Failure.BAD_INPUT, "reading " + path + " (" + human(size) + ") from " + where
                    + " would bring this load to " + human(total + size) + ", over the limit of "
                    + human(limits.maxTotalSize()) + " for all files read from the config repo: reference fewer or"
                    + " smaller files, or raise source.max_total_size in the agent config");
        }
    }

    /** "45.0 MiB", "812 bytes". */
    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** Up to {@code max + 1} bytes of {@code channel}: one byte past the limit is enough to know it is over. */
    static byte[] readAtMost(ReadableByteChannel channel, long max) throws IOException {
        return Channels.newInputStream(channel).readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 16));
    }
}
