package dev.barge.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding 5 of issue 8: a state dir another local user prepared must not be used. */
class StateDirTest {
    @TempDir
    Path tmp;

    @Test
    void stateDirIsCreatedWithMode0700() throws Exception {
        Path dir = tmp.resolve("a/b/state");
        new StateStore(dir).write(NodeState.EMPTY);
        assertThat(PrivateFiles.mode(dir)).isEqualTo(0700);
        assertThat(PrivateFiles.mode(dir.resolve("state.json"))).isEqualTo(0600);
    }

    @Test
    void symlinkedLockIsRefusedAndItsTargetIsUntouched() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("state"));
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "precious\n");
        Files.createSymbolicLink(dir.resolve("lock"), victim);

        assertThatThrownBy(() -> StateLock.acquire(dir, "barge apply", Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
                    assertThat(e.getMessage()).contains("symbolic link " + dir.resolve("lock")).contains("rm " + dir.resolve("lock"));
                });
        assertThat(Files.readString(victim)).isEqualTo("precious\n");
    }

    @Test
    void symlinkedSecretsDirIsRefused() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("state"));
        Path loot = Files.createDirectory(tmp.resolve("loot"));
        Files.createSymbolicLink(dir.resolve("secrets"), loot);
        int lootMode = PrivateFiles.mode(loot);

        assertThatThrownBy(() -> StateLock.acquire(dir, "barge apply", Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.failure()).isEqualTo(Failure.REFUSED));
        assertThat(PrivateFiles.mode(loot)).isEqualTo(lootMode);
        assertThat(loot).isEmptyDirectory();
    }

    @Test
    void symlinkedStateDirIsRefused() throws Exception {
        Path real = Files.createDirectory(tmp.resolve("real"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(tmp.resolve("state"), real);

        assertThatThrownBy(() -> new StateStore(link).write(NodeState.EMPTY))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
                    assertThat(e.getMessage()).contains("is a symbolic link");
                });
        assertThat(real).isEmptyDirectory();
    }

    @Test
    void groupWritableStateDirIsRefusedWithTheChmodToRun() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("state"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x"));

        assertThatThrownBy(() -> new StateStore(dir).history(1))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
                    assertThat(e.getMessage()).contains("mode 0775").endsWith("chmod 700 " + dir);
                });
    }

    @Test
    void stateDirOwnedByAnotherUserIsRefused() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("state"));
        Files.setAttribute(dir, "unix:uid", 65534);

        assertThatThrownBy(() -> new StateStore(dir).read())
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
                    assertThat(e.getMessage()).contains("owned by uid 65534").contains("mv " + dir + " " + dir + ".untrusted");
                });
    }

    @Test
    void hardLinkedHistoryIsRefusedAndTheOtherFileIsUntouched() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("state"));
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "precious\n");
        Files.createLink(dir.resolve("history.jsonl"), victim);

        assertThatThrownBy(() -> new StateStore(dir).append(new HistoryEntry("a", Instant.now(), Trigger.MANUAL, HistoryOutcome.APPLIED, "", Map.of(), null)))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.getMessage()).contains("hard links"));
        assertThat(Files.readString(victim)).isEqualTo("precious\n");
    }

    @Test
    void readingAStateDirThatDoesNotExistCreatesNothing() {
        Path dir = tmp.resolve("none");
        assertThat(new StateStore(dir).read()).isEqualTo(NodeState.EMPTY);
        assertThat(new StateStore(dir).history()).isEmpty();
        assertThat(Files.exists(dir, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }
}
