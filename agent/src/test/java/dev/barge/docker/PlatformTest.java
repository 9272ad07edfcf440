package dev.barge.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.core.command.PullImageCmdImpl;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code platform:} reaches the pull, and a local image counts only when it runs as the platform asks (as in Compose). */
class PlatformTest {
    private static final PullImageCmd.Exec NO_EXEC = (command, callback) -> null;

    @ParameterizedTest(name = "{0} asked, image {1}/{2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "linux/amd64    | linux   | amd64   | true",
            "linux/amd64    | linux   | arm64   | false",
            "linux/arm64    | linux   | arm64   | true",
            "linux/arm64/v8 | linux   | arm64   | true",
            "linux/aarch64  | linux   | arm64   | true",
            "linux/x86_64   | linux   | amd64   | true",
            "linux/arm/v7   | linux   | arm     | true",
            "Linux/AMD64    | linux   | amd64   | true",
            "linux          | linux   | s390x   | true",
            "windows/amd64  | linux   | amd64   | false",
            "linux/386      | linux   | i386    | true"})
    void matchesAsComposeDoes(String asked, String os, String arch, boolean matches) {
        assertThat(Platform.parse(asked).matches(os, arch)).isEqualTo(matches);
        assertThat(new ActualState.Image("app:1", "sha256:x", List.of(), os, arch).runsOn(asked)).isEqualTo(matches);
    }

    @Test
    void anImageWhosePlatformIsUnknownOrAServiceWithoutOneAlwaysDoes() {
        assertThat(new ActualState.Image("app:1", "sha256:x", List.of()).runsOn("linux/arm64")).isTrue();
        assertThat(new ActualState.Image("app:1", "sha256:x", List.of(), "linux", "amd64").runsOn(null)).isTrue();
    }

    @Test
    void thePullAsksForTheServicesPlatform() {
        PullImageCmd cmd = Images.configure(new PullImageCmdImpl(NO_EXEC, null, "ghcr.io/ops/app"),
                ImageRef.parse("ghcr.io/ops/app:1.2"), "linux/arm64", new RegistryCredentials("ghcr.io", "robot", "pw"));

        assertThat(cmd.getPlatform()).isEqualTo("linux/arm64");
        assertThat(cmd.getTag()).isEqualTo("1.2");
        assertThat(cmd.getAuthConfig().getUsername()).isEqualTo("robot");
    }

    @Test
    void aServiceWithoutPlatformPullsTheEnginesOwn() {
        PullImageCmd cmd = Images.configure(new PullImageCmdImpl(NO_EXEC, null, "busybox"),
                ImageRef.parse("busybox:1.36"), null, null);

        assertThat(cmd.getPlatform()).isNull();
        assertThat(cmd.getAuthConfig()).isNull();
    }
}
