package dev.barge.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.docker.ActualState;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageQueryTest {
    private static final String DIGEST = "sha256:" + "c3".repeat(32);

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "busybox,                    busybox:1.36,                         true",
            "busybox,                    busybox,                              true",
            "busybox,                    busybox@" + "sha256:c3c3c3c3c3c3c3c3, true",
            "busybox,                    docker.io/library/busybox:1.36,       true",
            "busybox,                    barge-test/busybox:1,                 false",
            "busybox,                    busyboxes:1,                          false",
            "busybox:1.36,               busybox:1.36,                         true",
            "busybox:1.36,               busybox:1.35,                         false",
            "busybox:1.36,               busybox,                              false",
            "busybox:latest,             busybox,                              true",
            "busybox:1.36,               busybox:1.36@sha256:c3c3c3c3c3c3c3c3, true",
            "library/busybox:1.36,       busybox:1.36,                         true",
            "barge-test/busybox,         barge-test/busybox:1,                 true",
            "127.0.0.1:5000/app,         127.0.0.1:5000/app:2,                 true",
            "127.0.0.1:5000/app:2,       127.0.0.1:5000/app,                   false",
            "127.0.0.1:5000/app,         app:2,                                false",
            "busybox@sha256:c3c3c3c3c3c3c3c3, busybox@sha256:c3c3c3c3c3c3c3c3, true",
            "busybox@sha256:c3c3c3c3c3c3c3c3, busybox:1.36,                    false",
    })
    void matches_references(String query, String ref, boolean expected) {
        assertThat(ImageQuery.parse(query).matchesRef(ref)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is id {1}: {2}")
    @CsvSource({
            "sha256:a1a1a1a1a1a1, true",
            "a1a1a1a1a1a1,        true",
            "a1a1a1,              true",
            "a1a1a,               false",
            "b2b2b2b2,            false",
            "busybox,             false",
    })
    void matches_image_ids(String query, boolean expected) {
        assertThat(ImageQuery.parse(query).matchesId("sha256:" + "a1".repeat(32))).isEqualTo(expected);
    }

    @Test
    void a_recorded_digest_may_be_a_reference_or_an_image_id() {
        assertThat(ImageQuery.parse("busybox").matchesRecorded("busybox@" + DIGEST)).isTrue();
        assertThat(ImageQuery.parse("busybox").matchesRecorded("sha256:" + "a1".repeat(32))).isFalse();
        assertThat(ImageQuery.parse("a1a1a1a1").matchesRecorded("sha256:" + "a1".repeat(32))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Busybox", "busy box", "busybox:", "sha256:zz", "busybox/", "-x", "busybox@md5"})
    void refuses_what_is_not_an_image_reference(String text) {
        assertThatThrownBy(() -> ImageQuery.parse(text)).isInstanceOf(BargeException.class)
                .hasMessageContaining("is not an image reference")
                .satisfies(e -> assertThat(((BargeException) e).failure()).isEqualTo(Failure.BAD_INPUT));
    }

    @Test
    void a_tag_finds_containers_created_from_the_same_image_by_digest() {
        var container = StatusSamples.container("x-a-1", "x", "a", "busybox@" + DIGEST, "sha256:" + "a1".repeat(32),
                ActualState.Status.RUNNING, null, 0, null, "00");
        var actual = new ActualState(List.of(container), List.of(), List.of(),
                List.of(new ActualState.Image("busybox:1.36", "sha256:" + "a1".repeat(32), List.of())));
        assertThat(ImageUsage.find(ImageQuery.parse("busybox:1.36"), dev.barge.record.NodeState.EMPTY, actual))
                .extracting(u -> u.container().name()).containsExactly("x-a-1");
    }

    @Test
    void a_recorded_service_without_a_container_is_listed() {
        var uses = ImageUsage.find(ImageQuery.parse("busybox"), StatusSamples.state(), StatusSamples.actual());
        assertThat(uses).extracting(u -> u.stack() + "/" + u.service() + (u.container() == null ? " (recorded)" : ""))
                .containsExactly("ops/backup (recorded)", "ops/cron", "shop/db");
    }
}
