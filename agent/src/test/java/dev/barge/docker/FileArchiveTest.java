package dev.barge.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.config.model.FileContent;
import dev.barge.config.model.ServiceSpec.FileMount;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileArchiveTest {

    private static FileMount file(String target, String uid, String gid, Integer mode, String text) {
        return new FileMount("x", "secrets/x.sops.yaml", target, uid, gid, mode,
                new FileContent(text.getBytes(StandardCharsets.UTF_8), true));
    }

    @Test
    void eachFileKeepsItsOwnerModeAndBytes() throws IOException {
        String longDir = "/run/" + "d".repeat(120);
        byte[] tar = FileArchive.tar("web-app-1", List.of(
                file("/run/secrets/token", "1000", "2000", 0440, "s3cret"),
                file(longDir + "/conf", null, null, null, "a=b\n")));

        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry token = in.getNextEntry();
            assertThat(token.getName()).isEqualTo("run/secrets/token");
            assertThat(token.getLongUserId()).isEqualTo(1000);
            assertThat(token.getLongGroupId()).isEqualTo(2000);
            assertThat(token.getMode() & 07777).isEqualTo(0440);
            assertThat(token.isFile()).isTrue();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("s3cret");

            TarArchiveEntry conf = in.getNextEntry();
            assertThat(conf.getName()).as("names over 100 bytes survive").isEqualTo(longDir.substring(1) + "/conf");
            assertThat(conf.getMode() & 07777).isEqualTo(FileArchive.DEFAULT_MODE);
            assertThat(conf.getLongUserId()).isZero();
            assertThat(in.getNextEntry()).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative/x", "/run/../etc/passwd", "/run/secrets/", "/a//b"})
    void refusesTargetsThatAreNotPlainAbsoluteFiles(String target) {
        assertThatThrownBy(() -> FileArchive.tar("c", List.of(file(target, null, null, null, "v"))))
                .isInstanceOf(BargeException.class).hasMessageContaining("has target '" + target + "'");
    }

    @Test
    void refusesNamedOwnersAndDuplicateTargets() {
        assertThatThrownBy(() -> FileArchive.tar("c", List.of(file("/a", "www-data", null, null, "v"))))
                .isInstanceOf(BargeException.class).hasMessageContaining("uid 'www-data': use a numeric id");
        assertThatThrownBy(() -> FileArchive.tar("c", List.of(file("/a", null, null, null, "v"), file("/a", null, null, null, "w"))))
                .isInstanceOf(BargeException.class).hasMessageContaining("two configs or secrets target /a");
    }

    @Test
    void theMessageNeverContainsTheContent() {
        assertThatThrownBy(() -> FileArchive.tar("c", List.of(file("rel", null, null, null, "TOPSECRET"))))
                .hasMessageNotContaining("TOPSECRET");
    }
}
