package dev.barge.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import org.junit.jupiter.api.Test;

/** Issue 13 (fast start): the engine client reads no CA certificates for a local socket. */
class EngineConnectionTest {

    @Test
    void aLocalSocketGetsATlsContextThatIsNeverInitialised() throws Exception {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost("unix:///var/run/docker.sock")
                .withDockerTlsVerify(false).build();
        assertThat(EngineConnection.sslConfig(config)).isNotNull();
        assertThat(EngineConnection.sslConfig(config).getSSLContext().getProtocol()).isEqualTo("TLS");
    }

    @Test
    void aTcpHostWithoutTlsStaysPlainHttp() {
        // docker-java speaks https to a tcp host whenever it is given a TLS context
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost("tcp://127.0.0.1:2375")
                .withDockerTlsVerify(false).build();
        assertThat(EngineConnection.sslConfig(config)).isNull();
    }
}
