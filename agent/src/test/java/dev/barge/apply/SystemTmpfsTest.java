package dev.barge.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding 5 of issue 8: the secrets directory must be barge's own tmpfs, not a link to some tmpfs. */
class SystemTmpfsTest {
    private static final List<String> MOUNTINFO = List.of(
            "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
            "25 22 0:21 / /dev/shm rw,nosuid,nodev shared:4 - tmpfs tmpfs rw",
            "90 22 0:50 / /var/lib/barge/secrets rw,nosuid,nodev,noexec - tmpfs tmpfs rw,size=16384k,mode=700",
            "91 22 0:51 / /srv/with\\040space rw - tmpfs tmpfs rw",
            "92 22 0:52 / /srv/overmounted rw - tmpfs tmpfs rw",
            "93 92 0:53 / /srv/overmounted rw - ext4 /dev/sdb1 rw");

    @Test
    void onlyATmpfsMountedOnThatVeryPathCounts() {
        assertThat(SystemTmpfs.tmpfsMountedAt(MOUNTINFO, Path.of("/var/lib/barge/secrets"))).isTrue();
        assertThat(SystemTmpfs.tmpfsMountedAt(MOUNTINFO, Path.of("/dev/shm/loot"))).isFalse();
        assertThat(SystemTmpfs.tmpfsMountedAt(MOUNTINFO, Path.of("/var/lib/barge"))).isFalse();
        assertThat(SystemTmpfs.tmpfsMountedAt(MOUNTINFO, Path.of("/srv/with space"))).isTrue();
        assertThat(SystemTmpfs.tmpfsMountedAt(MOUNTINFO, Path.of("/srv/overmounted"))).isFalse();
    }

    @Test
    void symlinkedSecretsToADirectoryOnSomeTmpfsIsNotHeld(@TempDir Path state) throws Exception {
        Path loot = Files.createTempDirectory(Path.of("/dev/shm"), "itstate-loot");
        try {
            Path secrets = Files.createSymbolicLink(state.resolve("secrets"), loot);
            assertThat(Files.getFileStore(loot).type()).isEqualTo("tmpfs");
            assertThat(Tmpfs.SYSTEM.holds(secrets)).isFalse();
            assertThat(Tmpfs.SYSTEM.holds(loot)).as("on a tmpfs, but not a mount point").isFalse();
        } finally {
            Files.delete(loot);
        }
    }
}
