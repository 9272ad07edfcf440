package dev.barge.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.model.BargeSettings.RegistryAuth;
import dev.barge.docker.RegistryCredentials;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryLoginsTest {

    @ParameterizedTest
    @CsvSource({
            "busybox:1.36, docker.io",
            "busybox, docker.io",
            "library/busybox, docker.io",
            "ops/app:2, docker.io",
            "docker.io/ops/app:2, docker.io",
            "index.docker.io/ops/app, docker.io",
            "ghcr.io/ops/app:1, ghcr.io",
            "GHCR.io/ops/app:1, ghcr.io",
            "127.0.0.1:5000/app:1, 127.0.0.1:5000",
            "localhost/app, localhost",
            "localhost:5000/team/app@sha256:abc, localhost:5000",
            "registry.example.com:8443/a/b/c:tag, registry.example.com:8443",
    })
    void findsTheRegistryOfAnImage(String ref, String host) {
        assertThat(RegistryLogins.registryOf(ref)).isEqualTo(host);
    }

    @ParameterizedTest
    @CsvSource({
            "ghcr.io, ghcr.io",
            "https://ghcr.io/, ghcr.io",
            "https://index.docker.io/v1/, docker.io",
            "registry-1.docker.io, docker.io",
            "http://127.0.0.1:5000, 127.0.0.1:5000",
            "' Registry.Example.com ', registry.example.com",
    })
    void readsAddressesAsWrittenInBargeYaml(String address, String host) {
        assertThat(RegistryLogins.host(address)).isEqualTo(host);
    }

    @ParameterizedTest
    @CsvSource({
            "ghcr.io/ops/app:1, ghcr-user",
            "127.0.0.1:5000/app, local-user",
            "busybox:1.36, hub-user",
            "quay.io/x/y, ",
            "localhost/app, ",
    })
    void picksTheLoginOfThatRegistryOnly(String ref, String user) {
        RegistryLogins logins = new RegistryLogins(List.of(
                new RegistryAuth("https://ghcr.io", "ghcr-user", "p1", true),
                new RegistryAuth("127.0.0.1:5000", "local-user", "p2", false),
                new RegistryAuth("127.0.0.1:5000", "second-user", "p3", false),
                new RegistryAuth("https://index.docker.io/v1/", "hub-user", "p4", true)));
        RegistryCredentials found = logins.forImage(ref);
        assertThat(found == null ? null : found.username()).isEqualTo(user);
    }
}
