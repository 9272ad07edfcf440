package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 5 of issue 8, as it was seen: a local user prepared the state dir of a root apply with
 * {@code lock -> victim.txt} and {@code secrets -> a directory of theirs}. apply refuses (77) before
 * touching either, with one line saying what to run.
 */
class StateDirTrustTest {
    private static final Map<String, String> NO_ENGINE = Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock");

    @TempDir
    Path tmp;

    private CliTest.Run apply(Path state) {
        return CliTest.run(NO_ENGINE, "apply", "--repo", CliTest.EXAMPLE.toString(), "--node", "demo-1",
                "--labels", "client=mars,environment=staging", "--state-dir", state.toString(), "--auto-approve");
    }

    @Test
    void preparedStateDirWithSymlinkedLockAndSecretsIsRefused() throws Exception {
        Path state = Files.createDirectory(tmp.resolve("state"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "precious\n");
        Path loot = Files.createDirectory(tmp.resolve("loot"));
        Files.createSymbolicLink(state.resolve("lock"), victim);
        Files.createSymbolicLink(state.resolve("secrets"), loot);

        CliTest.Run r = apply(state);

        assertThat(r.code()).as(r.err()).isEqualTo(77);
        assertThat(r.err()).startsWith("barge: the state dir has a symbolic link").hasLineCount(1);
        assertThat(Files.readString(victim)).isEqualTo("precious\n");
        assertThat(loot).isEmptyDirectory();
    }

    @Test
    void stateDirOfAnotherUserIsRefused() throws Exception {
        Path state = Files.createDirectory(tmp.resolve("state"));
        Files.setAttribute(state, "unix:uid", 65534);

        CliTest.Run r = apply(state);

        assertThat(r.code()).as(r.err()).isEqualTo(77);
        assertThat(r.err()).contains("owned by uid 65534").contains("mv " + state);
        assertThat(state).isEmptyDirectory();
    }

    @Test
    void groupWritableStateDirIsRefused() throws Exception {
        Path state = Files.createDirectory(tmp.resolve("state"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwx---"));

        CliTest.Run r = CliTest.run(NO_ENGINE, "history", "--state-dir", state.toString());

        assertThat(r.code()).isEqualTo(77);
        assertThat(r.err()).isEqualTo("barge: the state dir " + state + " is writable by group or others (mode 0770):"
                + " check that its contents are barge's, then run chmod 700 " + state + "\n");
    }
}
