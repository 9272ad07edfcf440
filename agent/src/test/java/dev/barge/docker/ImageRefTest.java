package dev.barge.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRefTest {

    @ParameterizedTest
    @CsvSource({
            "busybox,                              busybox,                    latest",
            "busybox:1.36,                         busybox,                    1.36",
            "127.0.0.1:5000/app,                   127.0.0.1:5000/app,         latest",
            "127.0.0.1:5000/team/app:2,            127.0.0.1:5000/team/app,    2",
            "ghcr.io/o/app@sha256:0123abcd,        ghcr.io/o/app,              sha256:0123abcd",
            "127.0.0.1:1/none:1,                   127.0.0.1:1/none,           1"})
    void splitsIntoRepositoryAndTag(String ref, String repository, String tag) {
        assertThat(ImageRef.parse(ref)).isEqualTo(new ImageRef(repository, tag));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "busy box"})
    void refusesWhatIsNoReference(String ref) {
        assertThatThrownBy(() -> ImageRef.parse(ref)).isInstanceOf(BargeException.class).hasMessageContaining("is not valid");
    }

    @ParameterizedTest
    @CsvSource({
            "busybox:1.36,               busybox@sha256:aa|other@sha256:bb,  busybox@sha256:aa",
            "docker.io/library/busybox,  other@sha256:bb|busybox@sha256:aa,  busybox@sha256:aa",
            "app@sha256:cc,              app@sha256:dd,                      app@sha256:cc",
            "busybox:1.36,               '',                                 sha256:id"})
    void picksTheRepoDigestOfThePulledRepository(String ref, String digests, String expected) {
        List<String> list = digests.isEmpty() ? List.of() : List.of(digests.split("\\|"));
        assertThat(Images.digest(ImageRef.parse(ref), new ActualState.Image(ref, "sha256:id", list))).isEqualTo(expected);
    }
}
