package dev.barge.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** systemctl's answers as barge doctor reads them, from a systemctl put first on the PATH. */
class SystemctlTest {
    @TempDir
    Path bin;

    @Test
    void enabledAndActiveIsHealthy() throws IOException {
        fake("case \"$1\" in is-enabled) echo enabled;; is-active) echo active;; esac");
        var state = systemctl().state("barge.service").orElseThrow();
        assertThat(state).isEqualTo(new ServiceManager.UnitState("enabled", "active"));
        assertThat(state.healthy()).isTrue();
    }

    @Test
    void aUnitThatIsNotInstalledReadsAsNotFound() throws IOException {
        fake("case \"$1\" in is-enabled) echo 'Failed to get unit file state for barge.service: No such file or directory'; exit 1;;"
                + " is-active) echo inactive; exit 3;; esac");
        var state = systemctl().state("barge.service").orElseThrow();
        assertThat(state.enabled()).isEqualTo("not-found");
        assertThat(state.healthy()).isFalse();
    }

    @Test
    void aMachineNotBootedWithSystemdHasNoAnswer() throws IOException {
        fake("echo 'System has not been booted with systemd as init system (PID 1). Can'\"'\"'t operate.'; exit 1");
        assertThat(systemctl().state("barge.service")).isEmpty();
    }

    @Test
    void noSystemctlOnThePathHasNoAnswer() {
        assertThat(new Systemctl(Map.of("PATH", bin.toString())).state("barge.service")).isEmpty();
    }

    private Systemctl systemctl() {
        return new Systemctl(Map.of("PATH", bin.toString()));
    }

    private void fake(String body) throws IOException {
        Path script = Files.writeString(bin.resolve("systemctl"), "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }
}
