package dev.barge.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import dev.barge.BargeException;
import dev.barge.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The calls that stream or block on a container: logs, followed logs, waiting for an exit. */
final class ContainerStreams {

    private static final long LOG_READ_TIMEOUT_SECONDS = 30;

    private final DockerClient client;
    private final EngineErrors errors;

    ContainerStreams(DockerClient client, EngineErrors errors) {
        this.client = client;
        this.errors = errors;
    }

    List<String> logs(String containerId, int tailLines) {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (LogLines callback = client.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                .withTail(Math.max(0, tailLines)).exec(new LogLines(lines::add))) {
            if (!callback.awaitCompletion(LOG_READ_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new BargeException(Failure.RETRY_LATER, "reading the logs of container " + containerId
                        + " took longer than " + LOG_READ_TIMEOUT_SECONDS + " s: ask for fewer lines or retry");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BargeException(Failure.FAILED, "reading the logs of container " + containerId + " was interrupted", e);
        } catch (IOException | RuntimeException e) {
            throw errors.translate("read the logs of container " + containerId, asRuntime(e));
        }
        return List.copyOf(lines);
    }

    LogStream follow(String containerId, int tailLines, Consumer<String> lines) {
        LogLines callback;
        try {
            callback = client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(true)
                    .withTail(Math.max(0, tailLines)).exec(new LogLines(lines));
        } catch (RuntimeException e) {
            throw errors.translate("follow the logs of container " + containerId, e);
        }
        return new LogStream() {
            @Override
            public void awaitEnd() throws InterruptedException {
                callback.awaitCompletion();
            }

            @Override
            public void close() {
                try {
                    callback.close();
                } catch (IOException e) {
                    // the stream is being abandoned: nothing to do with a failure to close it
                }
            }
        };
    }

    Optional<Integer> waitForExit(String containerId, Duration timeout) {
        WaitContainerResultCallback callback = null;
        try {
            callback = client.waitContainerCmd(containerId).exec(new WaitContainerResultCallback());
            return Optional.of(callback.awaitStatusCode(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS));
        } catch (DockerClientException e) {
            if (EngineErrors.isConnectionProblem(e)) {
                throw errors.unreachable(e);
            }
            return Optional.empty(); // "Awaiting status code timeout."
        } catch (RuntimeException e) {
            throw errors.translate("wait for container " + containerId + " to exit", e);
        } finally {
            if (callback != null) {
                try {
                    callback.close();
                } catch (IOException e) {
                    // nothing left to wait for
                }
            }
        }
    }

    private static RuntimeException asRuntime(Exception e) {
        return e instanceof RuntimeException re ? re : new UncheckedIOException((IOException) e);
    }
}
