package dev.barge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://git.example.com/ops/deploy.git            | HTTP | https://git.example.com/ops/deploy.git
            https://ghp_secret@github.com/ops/deploy.git      | HTTP | https://github.com/ops/deploy.git
            https://user:hunter2@git.example.com/deploy.git   | HTTP | https://git.example.com/deploy.git
            http://127.0.0.1:8080/deploy.git                  | HTTP | http://127.0.0.1:8080/deploy.git
            git@github.com:ops/deploy.git                     | SSH  | git@github.com:ops/deploy.git
            ssh://git@127.0.0.1:2222/srv/deploy.git           | SSH  | ssh://git@127.0.0.1:2222/srv/deploy.git
            git://127.0.0.1:9418/deploy.git                   | GIT  | git://127.0.0.1:9418/deploy.git
            file:///srv/git/deploy.git                        | FILE | file:///srv/git/deploy.git
            /srv/git/deploy.git                               | FILE | /srv/git/deploy.git
            """)
    void knowsTheTransportAndHidesCredentials(String url, RemoteUrl.Kind kind, String shown) {
        RemoteUrl parsed = RemoteUrl.parse(url);

        assertThat(parsed.kind()).isEqualTo(kind);
        assertThat(parsed.redacted()).isEqualTo(shown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "ftp://host/repo.git"})
    void refusesWhatItCannotFetch(String url) {
        assertThatThrownBy(() -> RemoteUrl.parse(url))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://TOKEN@host/r.git failed", "not authorized for TOKEN", "https://u:TOKEN@host/r.git"})
    void scrubbedMessagesNeverShowTheSecret(String message) {
        RemoteUrl url = RemoteUrl.parse("https://TOKEN@host/r.git");
        assertThat(GitFailures.scrub(message, url, List.of("TOKEN"))).doesNotContain("TOKEN");
    }
}
