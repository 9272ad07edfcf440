package dev.barge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceUrlTest {
    private static final Path BASE = Path.of("/etc/barge");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://git.example.com/ops/deploy.git, https://git.example.com/ops/deploy.git, false",
            "ssh://git@git.example.com:2222/ops/deploy.git, ssh://git@git.example.com:2222/ops/deploy.git, true",
            "git@github.com:ops/deploy.git, git@github.com:ops/deploy.git, true",
            "git.example.com:ops/deploy.git, git.example.com:ops/deploy.git, true",
            "git://127.0.0.1:9418/deploy.git, git://127.0.0.1:9418/deploy.git, false",
            "file:///srv/git/deploy.git, file:///srv/git/deploy.git, false",
            "file://../repo, file:///etc/repo, false",
            "/srv/git/deploy, file:///srv/git/deploy, false",
            "repo, file:///etc/barge/repo, false",
            "./repo/../other, file:///etc/barge/other, false",
            "'..', file:///etc, false"})
    void acceptedForms(String url, String normalized, boolean ssh) {
        String result = SourceUrl.normalize(url, BASE);

        assertThat(result).isEqualTo(normalized);
        assertThat(SourceUrl.isSsh(result)).isEqualTo(ssh);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "http://git.example.com/deploy.git | use https://",
            "ftp://example.com/deploy.git      | which barge does not fetch from",
            "https:///deploy.git               | has no host",
            "file://                           | file:// needs a path"})
    void refusedForms(String url, String message) {
        assertThatThrownBy(() -> SourceUrl.normalize(url, BASE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
