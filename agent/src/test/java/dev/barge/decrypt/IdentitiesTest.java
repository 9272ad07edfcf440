package dev.barge.decrypt;

import static dev.barge.decrypt.SopsFixtures.KUSTOMIZE;
import static dev.barge.decrypt.SopsFixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentitiesTest {
    private static final String KEY_AGE = SopsFixtures.text(KUSTOMIZE + "keys_age.txt");
    private static final String RECIPIENT_AGE = "age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29";
    private static final String NOVOPS_1 = SopsFixtures.text("novops/age1").strip();
    private static final String RECIPIENT_1 = "age1mxx900ea5q9r3enkzj5v3partt2wgws33jnvswqan7ranur5w5vs4mumsj";
    private static final String NOVOPS_2 = SopsFixtures.text("novops/age2").strip();
    private static final String RECIPIENT_2 = "age1uzzdnw6aw2g329t329sr9s8pcxmcqvw9nt8wr524650zxdfxre7szghufg";

    @TempDir
    Path dir;

    @Test
    void keyFilesHaveOneIdentityPerLineWithCommentsAndBlankLines() {
        List<AgeIdentity> identities = Identities.parse("# created: now\n\n" + NOVOPS_1 + "\n  # another\n" + NOVOPS_2 + "\n", "keys.txt");
        assertThat(identities).extracting(AgeIdentity::recipient).containsExactly(RECIPIENT_1, RECIPIENT_2);
        assertThat(identities.get(1).source()).isEqualTo("keys.txt line 5");
        assertThat(identities.get(0).toString()).doesNotContain("AGE-SECRET-KEY").contains(RECIPIENT_1);
    }

    @Test
    void sopsAgeKeyMayHoldSeveralWhitespaceSeparatedKeys() {
        List<AgeIdentity> identities = Identities.fromEnvironment(Map.of("SOPS_AGE_KEY", NOVOPS_1 + " " + NOVOPS_2));
        assertThat(identities).extracting(AgeIdentity::recipient).containsExactly(RECIPIENT_1, RECIPIENT_2);
    }

    @Test
    void environmentSourcesAreCombinedInSopsOrderWithoutDuplicates() throws Exception {
        Path keyFile = Files.writeString(dir.resolve("key.txt"), NOVOPS_2 + "\n");
        Path xdg = dir.resolve("xdg");
        Files.createDirectories(xdg.resolve("sops/age"));
        Files.writeString(xdg.resolve("sops/age/keys.txt"), KEY_AGE + NOVOPS_1 + "\n");
        Map<String, String> env = Map.of("SOPS_AGE_KEY", NOVOPS_1, "SOPS_AGE_KEY_FILE", keyFile.toString(),
                "XDG_CONFIG_HOME", xdg.toString(), "HOME", "/nonexistent");

        List<AgeIdentity> identities = Identities.forCommand(List.of(), env);

        assertThat(identities).extracting(AgeIdentity::recipient).containsExactly(RECIPIENT_1, RECIPIENT_2, RECIPIENT_AGE);
        assertThat(identities).extracting(AgeIdentity::source)
                .containsExactly("SOPS_AGE_KEY line 1", keyFile + " line 1", xdg.resolve("sops/age/keys.txt") + " line 3");
    }

    @Test
    void defaultKeysFileIsUnderHomeAndOptional() throws Exception {
        assertThat(Identities.fromEnvironment(Map.of("HOME", dir.toString()))).isEmpty();
        Files.createDirectories(dir.resolve(".config/sops/age"));
        Files.writeString(dir.resolve(".config/sops/age/keys.txt"), NOVOPS_1);
        assertThat(Identities.fromEnvironment(Map.of("HOME", dir.toString()))).extracting(AgeIdentity::recipient)
                .containsExactly(RECIPIENT_1);
        assertThat(Identities.fromEnvironment(Map.of())).isEmpty();
    }

    @Test
    void worldReadableAgeIdentityOfTheAgentConfigIsRefusedWithTheChmodToRun() throws Exception {
        Path configured = Files.writeString(dir.resolve("age.key"), KEY_AGE);
        Files.setPosixFilePermissions(configured, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

        BargeException e = failure(() -> Identities.forAgent(new AgentConfig.Secrets(List.of(configured)), Map.of()));

        assertThat(e.failure()).isEqualTo(dev.barge.Failure.REFUSED);
        assertThat(e.getMessage()).contains("mode 0644").endsWith("run chmod 600 " + configured);
    }

    @Test
    void agentConfigFilesComeFirstThenTheEnvironment() throws Exception {
        Path configured = Files.writeString(dir.resolve("age.key"), KEY_AGE);
        Files.setPosixFilePermissions(configured, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        List<AgeIdentity> identities = Identities.forAgent(new AgentConfig.Secrets(List.of(configured)),
                Map.of("SOPS_AGE_KEY", NOVOPS_1));
        assertThat(identities).extracting(AgeIdentity::recipient).containsExactly(RECIPIENT_AGE, RECIPIENT_1);
        assertThat(Identities.forAgent(null, Map.of())).isEmpty();
    }

    @Test
    void aMissingConfiguredFileIsAClearError() {
        Path missing = dir.resolve("nope.key");
        BargeException e = failure(() -> Identities.forAgent(new AgentConfig.Secrets(List.of(missing)), Map.of()));
        assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
        assertThat(e.getMessage()).isEqualTo("age identity file " + missing + " (secrets.age_identities) does not exist:"
                + " fix the path or create it with `barge secrets keygen -o " + missing + "`");
        BargeException env = failure(() -> Identities.fromEnvironment(Map.of("SOPS_AGE_KEY_FILE", missing.toString())));
        assertThat(env.getMessage()).contains("(SOPS_AGE_KEY_FILE) does not exist");
    }

    @Test
    void aBadLineNamesItsLineButNeverItsContent() {
        String broken = NOVOPS_1.substring(0, NOVOPS_1.length() - 1) + (NOVOPS_1.endsWith("N") ? "M" : "N");
        BargeException e = failure(() -> Identities.parse("# ok\n" + broken + "\n", "keys.txt"));
        assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
        assertThat(e.getMessage()).startsWith("keys.txt line 2 is not a valid age identity").doesNotContain(broken);
        BargeException ssh = failure(() -> Identities.parse("-----BEGIN OPENSSH PRIVATE KEY-----\n", "id_ed25519"));
        assertThat(ssh.getMessage()).contains("id_ed25519 line 1 is not an age X25519 identity");
    }

    @Test
    void postQuantumAndPluginIdentitiesAreSkipped() {
        assertThat(SopsFixtures.identities(KUSTOMIZE + "keys_age-pq.txt")).isEmpty();
        assertThat(Identities.parse("AGE-PLUGIN-YUBIKEY-1QQQQ\n" + NOVOPS_1, "k")).hasSize(1);
    }
}
