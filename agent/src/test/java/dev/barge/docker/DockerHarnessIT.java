package dev.barge.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proves the test machine is fit for the other ITs, with docker-java alone: the engine answers, the
 * local busybox image runs, a port published on 127.0.0.1 serves traffic to the host.
 */
class DockerHarnessIT {

    private DockerClient docker;
    private String containerId;

    @BeforeEach
    void connect() {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        docker = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig()).build());
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (containerId != null) {
            try {
                docker.removeContainerCmd(containerId).withForce(true).exec();
            } catch (NotFoundException gone) {
                // already removed
            }
        }
        docker.close();
    }

    @Test
    void busyboxServesAPageOnAnEphemeralLoopbackPort() throws Exception {
        ExposedPort http = ExposedPort.tcp(8080);
        containerId = docker.createContainerCmd("busybox:1.36")
                .withName("barge-it-harness-" + UUID.randomUUID().toString().substring(0, 8))
                .withCmd("sh", "-c", "mkdir -p /www && echo hello-barge > /www/index.html && httpd -f -p 8080 -h /www")
                .withExposedPorts(http)
                .withHostConfig(HostConfig.newHostConfig()
                        .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), http)))
                .exec().getId();
        docker.startContainerCmd(containerId).exec();

        InspectContainerResponse inspected = docker.inspectContainerCmd(containerId).exec();
        Ports.Binding[] bindings = inspected.getNetworkSettings().getPorts().getBindings().get(http);
        assertThat(bindings).isNotEmpty();
        assertThat(bindings[0].getHostIp()).isEqualTo("127.0.0.1");
        int port = Integer.parseInt(bindings[0].getHostPortSpec());

        assertThat(fetch(URI.create("http://127.0.0.1:" + port + "/index.html"))).isEqualTo("hello-barge\n");
    }

    /** httpd needs a moment after start; retry for up to 10 s. */
    private static String fetch(URI uri) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plusSeconds(10);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
                last = new IllegalStateException("HTTP " + response.statusCode());
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no answer from " + uri + " within 10 s: " + last);
    }
}
