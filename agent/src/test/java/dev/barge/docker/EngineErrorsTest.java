package dev.barge.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.UnauthorizedException;
import dev.barge.BargeException;
import dev.barge.Failure;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EngineErrorsTest {

    private final EngineErrors errors = new EngineErrors("unix:///var/run/docker.sock");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new NotFoundException("{\"message\":\"No such container: abc\"}\n"), Failure.FAILED,
                        "stop container abc failed: No such container: abc: it does not exist in the engine"),
                Arguments.of(new ConflictException("{\"message\":\"Conflict. The container name \\\"/web-app-1\\\" is already in use\"}\n"),
                        Failure.FAILED, "stop container abc failed: Conflict. The container name \"/web-app-1\" is already in use: remove or rename what is in the way"),
                Arguments.of(new BadRequestException("{\"message\":\"invalid mount config\\nfor type bind\"}"), Failure.BAD_INPUT,
                        "stop container abc failed: invalid mount config for type bind"),
                Arguments.of(new UnauthorizedException("{\"message\":\"no\"}"), Failure.REFUSED, "stop container abc failed: no"),
                Arguments.of(new InternalServerErrorException("plain text"), Failure.FAILED, "stop container abc failed: plain text"),
                Arguments.of(new UncheckedIOException(new ConnectException("Connection refused")), Failure.RETRY_LATER,
                        "Docker engine at unix:///var/run/docker.sock does not answer: start it (systemctl start docker) or set DOCKER_HOST"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void translatesToOneLineWithTheEngineMessage(RuntimeException e, Failure failure, String message) {
        BargeException translated = errors.translate("stop container abc", e);
        assertThat(translated.failure()).isEqualTo(failure);
        assertThat(translated.getMessage()).isEqualTo(message).doesNotContain("\n");
    }
}
