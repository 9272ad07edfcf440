package dev.barge.apply;

import java.io.IOException;
import java.nio.file.Path;

/** How the secrets directory is found to be, or made, a tmpfs; a seam so that tests need not be root. */
interface Tmpfs {

    /** The mount options: small, only root may enter, nothing on it runs or acts as a device. */
    String OPTIONS = "size=16m,mode=0700,nosuid,nodev,noexec";

    Tmpfs SYSTEM = new SystemTmpfs();

    /** True when {@code dir} is on a tmpfs (RAM), so files written there never reach a disk. */
    boolean holds(Path dir) throws IOException;

    /** Mounts a tmpfs on the existing directory {@code dir}; the exception's message says why it failed. */
    void mount(Path dir) throws IOException;
}
