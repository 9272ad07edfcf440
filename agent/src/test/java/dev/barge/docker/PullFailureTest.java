package dev.barge.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import dev.barge.BargeException;
import dev.barge.Failure;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How a failed pull reads: the messages are dockerd 20.10's for a registry:2 with htpasswd auth. */
class PullFailureTest {

    private static final String IMAGE = "127.0.0.1:5000/team/app:1";
    private static final RegistryCredentials LOGIN = new RegistryCredentials("127.0.0.1:5000", "deploy", "hunter2");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new InternalServerErrorException("{\"message\":\"Head \\\"http://127.0.0.1:5000/v2/team/app/manifests/1\\\":"
                        + " no basic auth credentials\"}\n"), null, Failure.REFUSED,
                        "pull of 127.0.0.1:5000/team/app:1 was refused by registry 127.0.0.1:5000 (unauthorized, no credentials sent):"
                        + " Head \"http://127.0.0.1:5000/v2/team/app/manifests/1\": no basic auth credentials:"
                        + " barge has no login for 127.0.0.1:5000: add one for it under registries: in barge.yaml (address, username, password)"),
                Arguments.of(new DockerClientException("Could not pull image: unauthorized: authentication required"), LOGIN,
                        Failure.REFUSED, "pull of 127.0.0.1:5000/team/app:1 was refused by registry 127.0.0.1:5000 (unauthorized,"
                        + " credentials rejected): Could not pull image: unauthorized: authentication required:"
                        + " check the username and password for 127.0.0.1:5000 under registries: in barge.yaml"),
                Arguments.of(new InternalServerErrorException("{\"message\":\"manifest for 127.0.0.1:5000/team/app:1 not found:"
                        + " manifest unknown: manifest unknown\"}"), LOGIN, Failure.BAD_INPUT,
                        "pull of 127.0.0.1:5000/team/app:1 failed: manifest for 127.0.0.1:5000/team/app:1 not found:"
                        + " manifest unknown: manifest unknown: check the image name and tag"),
                Arguments.of(new InternalServerErrorException("{\"message\":\"Get \\\"http://127.0.0.1:5000/v2/\\\": dial tcp"
                        + " 127.0.0.1:5000: connect: connection refused\"}"), null, Failure.RETRY_LATER,
                        "pull of 127.0.0.1:5000/team/app:1 failed: Get \"http://127.0.0.1:5000/v2/\": dial tcp 127.0.0.1:5000:"
                        + " connect: connection refused: check that the registry is reachable from this host, then retry"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void saysWhatFailedAndWhereTheLoginComesFrom(RuntimeException e, RegistryCredentials login, Failure failure, String message) {
        BargeException failed = Images.pullFailed(new EngineErrors("unix:///var/run/docker.sock"), IMAGE, login, e);
        assertThat(failed.failure()).isEqualTo(failure);
        assertThat(failed.getMessage()).isEqualTo(message).doesNotContain("hunter2").doesNotContain("\n");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "busybox:1.36, docker.io",
        "library/busybox, docker.io",
        "127.0.0.1:5000/team/app:1, 127.0.0.1:5000",
        "ghcr.io/org/app@sha256:abc, ghcr.io",
        "localhost/app, localhost"})
    void registryOfAReferenceIsReadAsTheDockerCliReadsIt(String ref, String registry) {
        assertThat(Images.registryOf(ref)).isEqualTo(registry);
    }
}
