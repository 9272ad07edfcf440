package dev.barge.decrypt;

import static dev.barge.decrypt.SopsFixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.barge.Failure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** updatekeys: a new recipient can decrypt afterwards, and no value, MAC or lastmodified changes. */
class KeyUpdaterTest {
    private final AgeIdentity oldNode = SopsFixtures.newIdentity();
    private final AgeIdentity newNode = SopsFixtures.newIdentity();

    @ParameterizedTest
    @EnumSource(value = SopsFormat.class, names = {"YAML", "JSON", "DOTENV"})
    void addingARecipientLetsTheNewNodeDecryptAndKeepsEveryValue(SopsFormat format) {
        String path = "secrets/app." + (format == SopsFormat.DOTENV ? "env" : format.displayName());
        String plain = format == SopsFormat.DOTENV ? RoundTripTest.DOTENV : format == SopsFormat.JSON ? RoundTripTest.JSON : RoundTripTest.YAML;
        byte[] encrypted = SopsEncryptor.encrypt(path, plain.getBytes(StandardCharsets.UTF_8), format,
                new EncryptionSettings(List.of(oldNode.recipient()), CryptRule.DEFAULT, false));
        failure(() -> SopsDecryptor.open(path, encrypted, format, List.of(newNode)));

        KeyUpdater.Result result = KeyUpdater.update(path, encrypted, format, List.of(oldNode),
                List.of(oldNode.recipient(), newNode.recipient()));

        assertThat(result.added()).containsExactly(newNode.recipient());
        assertThat(result.removed()).isEmpty();
        assertThat(SopsDecryptor.open(path, result.content(), format, List.of(newNode)).documents())
                .isEqualTo(SopsStores.readPlain(path, plain.getBytes(StandardCharsets.UTF_8), format));
        assertThat(withoutAge(path, result.content(), format)).as("values, MAC and lastmodified unchanged")
                .isEqualTo(withoutAge(path, encrypted, format));

        KeyUpdater.Result removal = KeyUpdater.update(path, result.content(), format, List.of(newNode), List.of(newNode.recipient()));
        assertThat(removal.removed()).containsExactly(oldNode.recipient());
        assertThat(failure(() -> SopsDecryptor.open(path, removal.content(), format, List.of(oldNode))).failure())
                .isEqualTo(Failure.REFUSED);
        assertThat(SopsDecryptor.open(path, removal.content(), format, List.of(newNode)).documents()).isNotEmpty();
    }

    @Test
    void nothingToChangeReturnsTheSameBytes() {
        byte[] encrypted = SopsEncryptor.encrypt("a.yaml", "a: 1\n".getBytes(StandardCharsets.UTF_8), SopsFormat.YAML,
                new EncryptionSettings(List.of(oldNode.recipient()), CryptRule.DEFAULT, false));
        KeyUpdater.Result result = KeyUpdater.update("a.yaml", encrypted, SopsFormat.YAML, List.of(oldNode), List.of(oldNode.recipient()));
        assertThat(result.changed()).isFalse();
        assertThat(result.content()).isSameAs(encrypted);
    }

    @Test
    void aTamperedFileIsNeverReKeyed() {
        byte[] encrypted = SopsEncryptor.encrypt("a.yaml", "a: 1\nb_unencrypted: x\n".getBytes(StandardCharsets.UTF_8), SopsFormat.YAML,
                new EncryptionSettings(List.of(oldNode.recipient()), CryptRule.DEFAULT, false));
        byte[] tampered = TamperingTest.replaceGroup(encrypted, "b_unencrypted: \"(x)", "y");
        assertThat(failure(() -> KeyUpdater.update("a.yaml", tampered, SopsFormat.YAML, List.of(oldNode),
                List.of(oldNode.recipient(), newNode.recipient()))).failure()).isEqualTo(Failure.REFUSED);
    }

    private static List<ObjectNode> withoutAge(String path, byte[] content, SopsFormat format) {
        List<ObjectNode> documents = SopsStores.readEncrypted(path, content, format);
        documents.forEach(document -> ((ObjectNode) document.get("sops")).remove("age"));
        return documents;
    }
}
