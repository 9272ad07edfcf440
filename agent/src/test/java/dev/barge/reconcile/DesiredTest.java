package dev.barge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.StackSpec;
import dev.barge.decrypt.CryptRule;
import dev.barge.decrypt.EncryptionSettings;
import dev.barge.decrypt.KeyGen;
import dev.barge.decrypt.SopsEncryptor;
import dev.barge.decrypt.SopsFormat;
import dev.barge.select.NodeIdentity;
import dev.barge.select.NodeSlice;
import dev.barge.source.DirectoryTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The front of the pipeline: declarations → selection → this node's stacks, decrypted with this node's keys only. */
class DesiredTest {
    static final NodeIdentity STAGING = new NodeIdentity("vm-staging", Map.of("environment", "staging"));

    /** Two environments, each with a sops env file for its own age key; the keys' files are in {@code keys}. */
    record TwoKeyRepo(Path repo, Path stagingKey, Path productionKey) {
    }

    static TwoKeyRepo twoKeyRepo(Path dir, String stackPrefix) throws IOException {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("deployments"));
        Files.createDirectories(repo.resolve("secrets"));
        Path stagingKey = dir.resolve("staging.key");
        Path productionKey = dir.resolve("production.key");
        for (String env : List.of("staging", "production")) {
            KeyGen.GeneratedKey key = KeyGen.generate(Clock.systemUTC());
            Files.writeString(env.equals("staging") ? stagingKey : productionKey, key.fileText());
            // identity files must be the owner's alone, or barge refuses them
            Files.setPosixFilePermissions(env.equals("staging") ? stagingKey : productionKey,
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            String file = "secrets/" + env + ".sops.env";
            byte[] sealed = SopsEncryptor.encrypt(file, ("GREETING=hello-" + env + "\n").getBytes(StandardCharsets.UTF_8),
                    SopsFormat.DOTENV, new EncryptionSettings(List.of(key.recipient()), CryptRule.DEFAULT, false));
            Files.write(repo.resolve(file), sealed);
            // compose env_file: and top-level secrets: are the node's too, and read only on the node they are for
            Files.writeString(repo.resolve("deployments/" + env + ".yaml"), """
                    deployment: %2$s
                    match: {environment: %2$s}
                    stacks:
                      - name: %1$s-%2$s
                        env_files: [secrets/%2$s.sops.env]
                        compose:
                          services:
                            app:
                              image: busybox:1.36
                              command: [sleep, "3600"]
                              environment: {GREETING: "${GREETING}"}
                              env_file: [secrets/%2$s.sops.env]
                              secrets: [token]
                          secrets:
                            token: {file: secrets/%2$s.sops.env}
                    """.formatted(stackPrefix, env));
        }
        return new TwoKeyRepo(repo, stagingKey, productionKey);
    }

    @Test
    void stagingNodeDecryptsOnlyItsOwnSecrets(@TempDir Path dir) throws IOException {
        TwoKeyRepo r = twoKeyRepo(dir, "app");
        Map<String, String> env = Map.of("SOPS_AGE_KEY_FILE", r.stagingKey().toString());

        Desired desired = Desired.fromDirectory(r.repo(), env, Optional.empty(), STAGING);
        NodeSlice slice = desired.select(STAGING);

        assertThat(slice.stacks()).extracting(s -> s.stack().name()).containsExactly("app-staging");
        StackSpec stack = slice.stacks().get(0).stack();
        assertThat(stack.project().services().get("app").environment()).containsEntry("GREETING", "hello-staging");
        assertThat(slice.rejected()).extracting(NodeSlice.Rejected::deployment).containsExactly("production");
        // production's stacks were never read: its compose files and secrets stay unopened on this node
        assertThat(desired.state().deployments()).filteredOn(d -> d.name().equals("production"))
                .allSatisfy(d -> assertThat(d.stacks()).isEmpty());
    }

    @Test
    void productionSecretsStillRefuseAProductionNodeWithoutItsKey(@TempDir Path dir) throws IOException {
        TwoKeyRepo r = twoKeyRepo(dir, "app");
        NodeIdentity production = new NodeIdentity("vm-prod", Map.of("environment", "production"));

        assertThatThrownBy(() -> Desired.fromDirectory(r.repo(), Map.of("SOPS_AGE_KEY_FILE", r.stagingKey().toString()),
                Optional.empty(), production))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
                    assertThat(e.getMessage()).contains("secrets/production.sops.env").contains("no age identity");
                });
    }

    @Test
    void validationWithOneEnvironmentsKeyReportsTheOthersAsUnopened(@TempDir Path dir) throws IOException {
        TwoKeyRepo r = twoKeyRepo(dir, "app");

        Desired desired = Desired.forValidation(r.repo(), Map.of("SOPS_AGE_KEY_FILE", r.stagingKey().toString()),
                Optional.empty());

        assertThat(desired.secretsDecrypted()).isTrue();
        assertThat(desired.unopened()).containsExactly("secrets/production.sops.env");
        assertThat(desired.state().deployments()).allSatisfy(d -> assertThat(d.stacks()).hasSize(1));
        assertThat(desired.select(STAGING).stacks().get(0).stack().project().services().get("app").environment())
                .containsEntry("GREETING", "hello-staging");
    }

    @Test
    void aStateResolvedForOneNodeIsNotSelectedForAnother(@TempDir Path dir) throws IOException {
        TwoKeyRepo r = twoKeyRepo(dir, "app");
        Desired desired = Desired.forNode(new DirectoryTree(r.repo()), dev.barge.config.SecretReader.NONE, Optional.empty(),
                new NodeIdentity("vm-none", Map.of("environment", "qa")));

        assertThat(desired.select(new NodeIdentity("vm-none", Map.of("environment", "qa"))).stacks()).isEmpty();
        assertThatThrownBy(() -> desired.select(STAGING)).isInstanceOf(IllegalArgumentException.class);
    }
}
