package dev.barge.reconcile;

import static dev.barge.reconcile.Shell.docker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.reconcile.ItStack.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links to replicas, network_mode service: with replicas, runtime and platform on the real engine, from a real
 * git repo. Stacks start with {@code itek}; no ports are published.
 */
class EngineKeysIT {
    private static final String STACK = "itek";

    @TempDir
    Path tmp;
    private ItStack stack;

    @BeforeEach
    void repo() throws IOException {
        stack = ItStack.create(tmp, STACK, "it-ek");
    }

    private void agent(String policy) throws IOException {
        stack.agent(policy);
    }

    @AfterEach
    void cleanUp() {
        ItStack.removeAll(STACK);
    }

    private void commit(String compose) throws IOException {
        stack.commit(compose, Map.of());
    }

    private Result barge(String... args) {
        return stack.barge(args);
    }

    private Result apply() {
        return stack.apply();
    }

    private static String ip(String container) {
        return docker("inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", container);
    }

    private static final String DB = """
            services:
              db:
                image: busybox:1.36
                command: [sleep, "600"]
                deploy: {replicas: 2}
            """;

    @Test
    void aLinkAliasToTwoReplicasResolvesToBoth() throws IOException {
        commit(DB + """
                  web:
                    image: busybox:1.36
                    command: [sleep, "600"]
                    links: ["db:database"]
                """);
        apply();

        String answer = docker("exec", "itek-web-1", "nslookup", "database");
        assertThat(answer).contains(ip("itek-db-1")).contains(ip("itek-db-2"));
        assertThat(docker("exec", "itek-web-1", "nslookup", "db")).contains(ip("itek-db-1")).contains(ip("itek-db-2"));
    }

    @Test
    void networkModeServiceJoinsReplicaOne() throws IOException {
        commit(DB + """
                  probe:
                    image: busybox:1.36
                    command: [sleep, "600"]
                    network_mode: service:db
                """);
        apply();

        assertThat(docker("inspect", "--format", "{{.HostConfig.NetworkMode}}", "itek-probe-1"))
                .isEqualTo("container:" + docker("inspect", "--format", "{{.Id}}", "itek-db-1"));
    }

    @Test
    void aRuntimeThePolicyDoesNotListIsRefusedAndOneTheEngineLacksStopsNothing() throws IOException {
        String compose = """
                services:
                  app:
                    image: busybox:1.36
                    command: [sleep, "600"]
                    %s
                """;
        commit(compose.formatted("environment: {GENERATION: '1'}"));
        apply();
        String id = docker("inspect", "--format", "{{.Id}}", "itek-app-1");
        String started = docker("inspect", "--format", "{{.State.StartedAt}}", "itek-app-1");

        commit(compose.formatted("runtime: itek-no-such-runtime"));
        Result refused = barge("apply", "--auto-approve");
        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(77);
        assertThat(refused.err()).contains("runtime itek-no-such-runtime").contains("allowed_runtimes");
        Result validate = barge("validate", stack.repo().toString());
        assertThat(validate.code()).isNotZero();
        assertThat(validate.out() + validate.err()).contains("stacks/itek/compose.yaml:5:");

        agent("policy: {allowed_runtimes: [\"*\"]}");
        Result lacking = barge("apply", "--auto-approve");
        assertThat(lacking.code()).as(lacking.out() + lacking.err()).isNotZero();
        assertThat(lacking.out() + lacking.err()).contains("asks for runtime itek-no-such-runtime, which this Docker engine"
                + " does not have");
        assertThat(docker("inspect", "--format", "{{.Id}} {{.State.Running}} {{.State.StartedAt}}", "itek-app-1"))
                .isEqualTo(id + " true " + started);
    }

    /**
     * A manifest list on Debian's docker-registry with two entries made from busybox's files, one listed as
     * linux/arm64 (its files still run here) and one as linux/amd64: which one the engine pulls shows which
     * platform the pull asked for.
     */
    @Test
    void thePullAsksForTheServicesPlatform() throws IOException {
        Map<String, String> env = Map.of("DOCKER_CONFIG", tmp.resolve("docker-config").toString());
        try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"), null, null)) {
            String repository = registry.address() + "/itek/platforms";
            Path rootfs = tmp.resolve("rootfs.tar");
            String source = docker("create", "busybox:1.36", "true");
            docker("export", "-o", rootfs.toString(), source);
            docker("rm", source);
            Map<String, String> ids = new TreeMap<>();
            for (String arch : List.of("arm64", "amd64")) {
                docker("import", "-c", "CMD [\"sh\"]", rootfs.toString(), repository + ":" + arch);
                ids.put(arch, docker("image", "inspect", "--format", "{{.Id}}", repository + ":" + arch));
                Engine.docker(env, "push", "-q", repository + ":" + arch);
            }
            Engine.docker(env, "manifest", "create", "--insecure", repository + ":1", repository + ":arm64",
                    repository + ":amd64");
            Engine.docker(env, "manifest", "annotate", "--arch", "arm64", repository + ":1", repository + ":arm64");
            Engine.docker(env, "manifest", "push", "--insecure", repository + ":1");
            Engine.cli(env, "rmi", repository + ":arm64", repository + ":amd64");
            try {
                commit("""
                        services:
                          app:
                            image: %s:1
                            command: [sleep, "600"]
                            platform: linux/arm64
                        """.formatted(repository));
                apply();
                assertThat(docker("inspect", "--format", "{{.Image}}", "itek-app-1")).isEqualTo(ids.get("arm64"))
                        .isNotEqualTo(ids.get("amd64"));
            } finally {
                cleanUp();
                Engine.cli(env, "rmi", repository + ":1");
            }
        }
    }

    @Test
    void aLocalImageForAnotherPlatformIsNotTakenForTheOneAsked() throws IOException {
        String compose = """
                services:
                  app:
                    image: busybox:1.36
                    command: [sleep, "600"]
                    pull_policy: never
                    platform: %s
                """;
        String arch = docker("image", "inspect", "--format", "{{.Os}}/{{.Architecture}}", "busybox:1.36");
        commit(compose.formatted(arch));
        apply();
        assertThat(docker("inspect", "--format", "{{.State.Running}}", "itek-app-1")).isEqualTo("true");

        String other = arch.endsWith("/arm64") ? "linux/amd64" : "linux/arm64";
        commit(compose.formatted(other));
        Result r = barge("apply", "--auto-approve");
        assertThat(r.code()).isNotZero();
        assertThat(r.out() + r.err()).contains("image busybox:1.36 is present locally for " + arch + ", not for " + other
                + " and its pull_policy is never");
        assertThat(docker("inspect", "--format", "{{.State.Running}}", "itek-app-1")).isEqualTo("true");
    }
}
