package dev.barge.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.SSLConfig;
import dev.barge.BargeException;
import dev.barge.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Opens a docker-java client with a negotiated API version, the way the docker CLI does: ask the
 * engine's {@code /version} (unversioned, so any engine answers), then pin the client to the lower
 * of the engine's API version and the newest one docker-java 3.7.1 models. Pinning matters: without
 * a version docker-java sends unversioned paths, and a newer engine would then answer in an API
 * whose JSON docker-java does not know.
 */
final class EngineConnection {

    /** The newest API docker-java 3.7.1 has constants for (RemoteApiVersion.VERSION_1_44). */
    static final RemoteApiVersion NEWEST_SUPPORTED = RemoteApiVersion.VERSION_1_44;
    /** Healthcheck start_period (1.29), mounts, init and nano CPUs (1.25) are all below this. */
    static final RemoteApiVersion OLDEST_SUPPORTED = RemoteApiVersion.VERSION_1_30;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private EngineConnection() {
    }

    record Opened(DockerClient client, EngineInfo info) {
    }

    /** {@code dockerHost} null: DOCKER_HOST, the docker context, or unix:///var/run/docker.sock. */
    static Opened open(String dockerHost) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (dockerHost != null) {
            builder.withDockerHost(dockerHost);
        }
        DefaultDockerClientConfig probeConfig;
        try {
            probeConfig = builder.build();
        } catch (RuntimeException e) {
            throw new BargeException(Failure.BAD_INPUT, "Docker client settings are invalid: "
                    + EngineErrors.oneLine(String.valueOf(e.getMessage())) + ": check DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH", e);
        }
        String host = probeConfig.getDockerHost().toString();
        EngineErrors errors = new EngineErrors(host);

        Version version = probe(probeConfig, errors);
        RemoteApiVersion engineApi = parse(version.getApiVersion());
        RemoteApiVersion chosen = RemoteApiVersion.unknown();
        if (engineApi != null) {
            chosen = engineApi.isGreater(NEWEST_SUPPORTED) ? NEWEST_SUPPORTED : engineApi;
            if (!chosen.isGreaterOrEqual(OLDEST_SUPPORTED)) {
                throw new BargeException(Failure.FAILED, "Docker engine at " + host + " speaks API " + engineApi.getVersion()
                        + ", older than the " + OLDEST_SUPPORTED.getVersion() + " barge needs: upgrade Docker");
            }
            RemoteApiVersion engineMin = parse(version.getMinAPIVersion());
            if (engineMin != null && engineMin.isGreater(chosen)) {
                throw new BargeException(Failure.FAILED, "Docker engine at " + host + " needs API " + engineMin.getVersion()
                        + " or newer, barge speaks up to " + NEWEST_SUPPORTED.getVersion() + ": upgrade barge");
            }
        }
        DockerClientConfig config = builder.withApiVersion(chosen).build();
        DockerClient client = DockerClientImpl.getInstance(config, httpClient(config, null));
        EngineInfo info = new EngineInfo(host, version.getVersion(), version.getApiVersion(), chosen.getVersion());
        return new Opened(client, info);
    }

    private static Version probe(DockerClientConfig config, EngineErrors errors) {
        DockerClient probe = DockerClientImpl.getInstance(config, httpClient(config, PROBE_TIMEOUT));
        try {
            return probe.versionCmd().exec();
        } catch (RuntimeException e) {
            if (!EngineErrors.isConnectionProblem(e)) {
                throw errors.translate("asking the Docker engine at " + config.getDockerHost() + " for its version", e);
            }
            throw errors.unreachable(e);
        } finally {
            closeQuietly(probe);
        }
    }

    /** No response timeout on the main client: pulls, log streams and waits legitimately take long. */
    private static DockerHttpClient httpClient(DockerClientConfig config, Duration responseTimeout) {
        ApacheDockerHttpClient.Builder b = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(sslConfig(config))
                .connectionTimeout(CONNECT_TIMEOUT)
                .maxConnections(32);
        if (responseTimeout != null) {
            b.responseTimeout(responseTimeout);
        }
        return b.build();
    }

    /**
     * A local socket needs no TLS, yet given no SSL config docker-java builds the JVM's default TLS
     * context anyway, parsing every CA certificate of the JDK, for the probe and again for the client:
     * a tenth of what a {@code barge plan} spent. For a socket it gets a context that is never
     * initialised, as nothing connects with TLS; a tcp host keeps docker-java's choice (a context there
     * means https).
     */
    static SSLConfig sslConfig(DockerClientConfig config) {
        String scheme = config.getDockerHost().getScheme();
        if (config.getSSLConfig() != null || !("unix".equals(scheme) || "npipe".equals(scheme))) {
            return config.getSSLConfig();
        }
        return () -> new SSLContext(null, null, "TLS") {
        };
    }

    private static RemoteApiVersion parse(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return RemoteApiVersion.parseConfig(v);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException | UncheckedIOException e) {
            // closing a pool of idle connections has nothing to report
        }
    }
}
