package dev.barge.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How JGit's failures become one-line BargeExceptions with the right exit code. */
class GitFailuresTest {
    private static final RemoteUrl URL = RemoteUrl.parse("https://ghp_T0KEN@git.example.com/ops/deploy.git");

    static Stream<Arguments> failures() throws URISyntaxException {
        URIish uri = new URIish(URL.raw());
        return Stream.of(
                Arguments.of(new TransportException(uri, "not authorized"), Failure.REFUSED, "authentication refused by https://git.example.com/ops/deploy.git"),
                Arguments.of(new TransportException(uri, "Authentication is required but no CredentialsProvider has been registered"),
                        Failure.REFUSED, "authentication refused"),
                Arguments.of(new TransportException(uri, "Server key did not validate"), Failure.REFUSED, "host key of git.example.com refused"),
                Arguments.of(new TransportException(uri, "unknown host", new UnknownHostException("git.example.com")), Failure.RETRY_LATER,
                        "host unknown: cannot resolve git.example.com"),
                Arguments.of(new TransportException(uri, "Connection refused", new ConnectException("Connection refused")),
                        Failure.RETRY_LATER, "connection refused by https://git.example.com/ops/deploy.git"),
                Arguments.of(new TransportException(uri, "read failed", new SocketTimeoutException("Read timed out")),
                        Failure.RETRY_LATER, "timeout: https://git.example.com/ops/deploy.git did not answer within 30 s"),
                Arguments.of(new TransportException(uri, "Remote does not have refs/heads/main available for fetch."),
                        Failure.BAD_INPUT, "branch main not found on https://git.example.com/ops/deploy.git"),
                Arguments.of(new NoRemoteRepositoryException(uri, "repository not found"), Failure.BAD_INPUT, "no git repository at"),
                Arguments.of(new TransportException("https://ghp_T0KEN@git.example.com/ops/deploy.git: 500 Internal Server Error"),
                        Failure.RETRY_LATER, "fetching https://git.example.com/ops/deploy.git failed: https://git.example.com/ops/deploy.git: 500"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("failures")
    void translatesWithTheRightExitCode(Exception error, Failure failure, String message) {
        BargeException translated = GitFailures.translate(error, URL, "main", 30, List.of("ghp_T0KEN"), Path.of("/etc/barge/known_hosts"));

        assertThat(translated.failure()).isEqualTo(failure);
        assertThat(translated.getMessage()).startsWith(message).doesNotContain("ghp_T0KEN").doesNotContain("\n");
    }
}
