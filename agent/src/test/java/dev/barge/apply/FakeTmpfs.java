package dev.barge.apply;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A tmpfs that is "mounted" by remembering the directory, or that refuses with {@link #failWith}. */
final class FakeTmpfs implements Tmpfs {

    final List<Path> mounts = new ArrayList<>();
    String failWith;
    /** A mount that succeeds without making the directory a tmpfs (a mount(8) that lies). */
    boolean mountDoesNothing;

    @Override
    public boolean holds(Path dir) {
        return mounts.contains(dir);
    }

    @Override
    public void mount(Path dir) throws IOException {
        if (failWith != null) {
            throw new IOException(failWith);
        }
        if (!mountDoesNothing) {
            mounts.add(dir);
        }
    }
}
