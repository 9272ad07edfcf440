package dev.barge.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.docker.ActualState;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResolvedDigestTest {

    private static final String ID = "sha256:" + "1".repeat(64);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "busybox:1.36 | | " + "sha256:1111111111111111111111111111111111111111111111111111111111111111",
            "busybox:1.36 | busybox@sha256:aa | busybox@sha256:aa",
            "docker.io/library/busybox:1.36 | busybox@sha256:aa | busybox@sha256:aa",
            "busybox:1.36 | other@sha256:bb,busybox@sha256:aa | busybox@sha256:aa",
            "busybox:1.36 | other@sha256:bb | other@sha256:bb",
            "127.0.0.1:5000/app:1 | 127.0.0.1:5000/app@sha256:cc | 127.0.0.1:5000/app@sha256:cc",
            "127.0.0.1:5000/app | 127.0.0.1:5000/app@sha256:cc | 127.0.0.1:5000/app@sha256:cc",
            "app@sha256:dd | app@sha256:ee | app@sha256:dd",
    })
    void recordsTheRepoDigestOfTheReferencedRepository(String ref, String digests, String expected) {
        List<String> repoDigests = digests == null ? List.of() : List.of(digests.split(","));
        assertThat(ResolvedDigest.of(ref, new ActualState.Image(ref, ID, repoDigests))).isEqualTo(expected);
    }
}
