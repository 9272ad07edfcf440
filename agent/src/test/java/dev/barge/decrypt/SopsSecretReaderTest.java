package dev.barge.decrypt;

import static dev.barge.decrypt.SopsFixtures.KUSTOMIZE;
import static dev.barge.decrypt.SopsFixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.SecretReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SopsSecretReaderTest {
    private final AgeIdentity node = SopsFixtures.newIdentity();
    private final EncryptionSettings forNode = new EncryptionSettings(List.of(node.recipient()), CryptRule.DEFAULT, false);

    @Test
    void aSecondReadOfTheSameBytesDecryptsNothing() {
        SopsSecretReader reader = new SopsSecretReader(List.of(node));
        byte[] file = SopsEncryptor.encrypt("s.env", "A=1\nB=2\n".getBytes(StandardCharsets.UTF_8), SopsFormat.DOTENV, forNode);

        assertThat(reader.variables("s.env", file)).isEqualTo(Map.of("A", "1", "B", "2"));
        assertThat(reader.variables("other/path/s.env", file.clone())).isEqualTo(Map.of("A", "1", "B", "2"));
        assertThat(reader.content("s.env", file)).isEqualTo("A=1\nB=2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(reader.decryptions()).isEqualTo(1);

        byte[] reEncrypted = SopsEncryptor.encrypt("s.env", "A=1\nB=2\n".getBytes(StandardCharsets.UTF_8), SopsFormat.DOTENV, forNode);
        reader.variables("s.env", reEncrypted);
        assertThat(reader.decryptions()).as("new bytes (fresh IVs) are decrypted").isEqualTo(2);
    }

    @Test
    void theCacheIsBounded() {
        SopsSecretReader reader = new SopsSecretReader(List.of(node), 2);
        for (int i = 0; i < 5; i++) {
            reader.variables("s.env", SopsEncryptor.encrypt("s.env", ("A=" + i + "\n").getBytes(StandardCharsets.UTF_8),
                    SopsFormat.DOTENV, forNode));
        }
        assertThat(reader.decryptions()).isEqualTo(5);
        assertThat(reader.cachedFiles()).isLessThanOrEqualTo(2);
    }

    @Test
    void theCacheKeyIncludesTheIdentities() {
        byte[] file = SopsEncryptor.encrypt("s.env", "A=1\n".getBytes(StandardCharsets.UTF_8), SopsFormat.DOTENV, forNode);
        new SopsSecretReader(List.of(node)).variables("s.env", file);
        failure(() -> new SopsSecretReader(List.of(SopsFixtures.newIdentity())).variables("s.env", file));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "a.yaml|password: x\\nsops_note: y|false",
        "a.yaml|a: [1,|false",
        "a.yaml|sops:\\n  lastmodified: x|true",
        "a.json|{\"sops\": {\"mac\": \"x\"}}|true",
        "a.json|{\"sops\": \"x\"}|false",
        "a.env|A=1\\nsops=2|false",
        "a.env|A=1\\nsops_mac=ENC[x]|true",
        "a.pem|-----BEGIN KEY-----|false",
        "a.txt|{\"data\": \"x\", \"sops\": {\"lastmodified\": \"y\"}}|true",
        "a.txt|{\"data\": \"x\"}|false"})
    void recognizesSopsFilesByTheirMetadata(String path, String content, boolean encrypted) {
        SecretReader reader = new SopsSecretReader(List.of());
        assertThat(reader.isEncrypted(path, content.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8))).isEqualTo(encrypted);
    }

    @Test
    void variablesAreFlattenedWithUnderscoresAndCommas() {
        String yaml = "db:\n  user: app\n  port: 5432\n  tls: {verify: false}\nhosts: [a, b, 3]\nratio: 0.5\nnone: null\nEMPTY: {}\n";
        byte[] file = SopsEncryptor.encrypt("v.yaml", yaml.getBytes(StandardCharsets.UTF_8), SopsFormat.YAML, forNode);
        assertThat(new SopsSecretReader(List.of(node)).variables("v.yaml", file)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "db_user", "app", "db_port", "5432", "db_tls_verify", "false", "hosts", "a,b,3", "ratio", "0.5", "none", ""));
    }

    @Test
    void collidingAndUnflattenableKeysAreNamedNotTheirValues() {
        byte[] collision = SopsEncryptor.encrypt("c.yaml", "a_b: hunter2\na: {b: hunter3}\n".getBytes(StandardCharsets.UTF_8),
                SopsFormat.YAML, forNode);
        assertThat(failure(() -> new SopsSecretReader(List.of(node)).variables("c.yaml", collision)).getMessage())
                .isEqualTo("c.yaml: a_b and a.b both become the variable a_b: rename one of them");
        byte[] nested = SopsEncryptor.encrypt("n.yaml", "users: [{name: hunter2}]\n".getBytes(StandardCharsets.UTF_8),
                SopsFormat.YAML, forNode);
        assertThat(failure(() -> new SopsSecretReader(List.of(node)).variables("n.yaml", nested)).getMessage())
                .startsWith("n.yaml: users is a list of mappings or lists").doesNotContain("hunter2");
    }

    @Test
    void jsonContentIsTheDocumentWithoutMetadata() {
        String file = KUSTOMIZE + "inside_secret.decoded.json";
        byte[] content = new SopsSecretReader(SopsFixtures.identities(KUSTOMIZE + "keys_age.txt")).content(file, SopsFixtures.bytes(file));
        assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("{\n\t\"data\": \"value\"\n}\n");
    }

    @Test
    void toStringNeverShowsSecrets() {
        assertThat(new SopsSecretReader(List.of(node)).toString()).isEqualTo("sops reader for " + node.recipient());
        assertThat(new PlainDocument(SopsFormat.YAML, List.of()).toString()).contains("values hidden");
    }
}
