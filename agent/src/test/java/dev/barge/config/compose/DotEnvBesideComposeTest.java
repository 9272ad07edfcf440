package dev.barge.config.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.ConfigLoader;
import dev.barge.config.model.StackSpec;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The .env beside a compose file, as Compose reads it for interpolation: below env_files and env. */
class DotEnvBesideComposeTest {
    private static final String COMPOSE = "services:\n  web:\n    image: busybox:${TAG}\n    environment: {GREETING: \"${HELLO}\"}\n";

    static Stream<Arguments> precedence() {
        return Stream.of(
                Arguments.of("only .env", "TAG=1.36\n", null, null, "busybox:1.36"),
                Arguments.of("env_files beat .env", "TAG=1.36\n", "TAG=1.37\n", null, "busybox:1.37"),
                Arguments.of("env beats both", "TAG=1.36\n", "TAG=1.37\n", "1.38", "busybox:1.38"),
                Arguments.of("sops-encrypted .env", FakeSecrets.MARK + "TAG=1.36\n", null, null, "busybox:1.36"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("precedence")
    void dotEnvIsTheLowestPrecedence(String name, String dotEnv, String envFile, String env, String image) {
        MemoryTree tree = repo(dotEnv, envFile, env);
        StackSpec stack = ConfigLoader.load(tree, new FakeSecrets()).deployments().get(0).stacks().get(0);
        assertThat(stack.project().services().get("web").image()).isEqualTo(image);
    }

    @Test
    void valuesFromAnEncryptedDotEnvAreSensitive() {
        MemoryTree tree = repo(FakeSecrets.MARK + "TAG=1.36\nHELLO=s3cret\n", null, null);
        StackSpec stack = ConfigLoader.load(tree, new FakeSecrets()).deployments().get(0).stacks().get(0);
        assertThat(stack.project().services().get("web").isSensitive("environment.GREETING")).isTrue();
        assertThat(stack.redaction().apply("x s3cret y")).doesNotContain("s3cret");
    }

    @Test
    void anUnsetVariableOutsideTheRefusedKeysIsAWarningOnTheStack() {
        MemoryTree tree = repo("TAG=1.36\n", null, null);
        StackSpec stack = ConfigLoader.load(tree, new FakeSecrets()).deployments().get(0).stacks().get(0);
        assertThat(stack.warnings()).singleElement().satisfies(w ->
                assertThat(w).startsWith("stacks/web/compose.yaml:4: variable HELLO is not set"));
    }

    // needs StackBuilder.variables to read through StackEnv.layered (the lead's file; see the enginekeys report)
    @Test
    void dotEnvLinesSeeTheStackEnvAndEarlierLines() {
        MemoryTree tree = repo("BASE=1\nTAG=${BASE}.${MINOR}\nHELLO='${TAG}'\n", null, null)
                .with("deployments/d.yaml", "deployment: d\nmatch: {}\nstacks:\n  - name: web\n"
                        + "    compose: stacks/web/compose.yaml\n    env: {MINOR: \"36\"}\n");
        StackSpec stack = ConfigLoader.load(tree, new FakeSecrets()).deployments().get(0).stacks().get(0);
        assertThat(stack.project().services().get("web").image()).isEqualTo("busybox:1.36");
        assertThat(stack.project().services().get("web").environment()).containsEntry("GREETING", "${TAG}");
        assertThat(stack.warnings()).isEmpty();
    }

    private static MemoryTree repo(String dotEnv, String envFile, String env) {
        String deployment = "deployment: d\nmatch: {}\nstacks:\n  - name: web\n    compose: stacks/web/compose.yaml\n"
                + (envFile == null ? "" : "    env_files: [stacks/web/more.env]\n")
                + (env == null ? "" : "    env: {TAG: \"" + env + "\"}\n");
        MemoryTree tree = new MemoryTree().with("deployments/d.yaml", deployment)
                .with("stacks/web/compose.yaml", COMPOSE).with("stacks/web/.env", dotEnv);
        return envFile == null ? tree : tree.with("stacks/web/more.env", envFile);
    }
}
