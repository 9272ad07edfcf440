package dev.barge.decrypt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** barge secrets encrypt keeps YAML comments where sops does: encrypted at their mapping's path, back on decrypt. */
class YamlCommentsTest {
    static final String YAML = """
            # top 🚀 comment
            password: hunter2
            db:
                # nested comment
                user: app
                port: 5432
                # end of db
            public_unencrypted:
                # clear comment
                note: visible
            """;

    private final AgeIdentity identity = SopsFixtures.newIdentity();

    @Test
    void encryptKeepsYamlCommentsEncryptedAtTheirMappingsPath() {
        String encrypted = encrypt();

        assertThat(encrypted).doesNotContain("top").doesNotContain("nested comment").doesNotContain("end of db");
        assertThat(encrypted.lines().filter(l -> l.strip().startsWith("#ENC[AES256_GCM,")).count()).isEqualTo(3);
        assertThat(encrypted).contains("#ENC[").contains("type:comment]").contains("# clear comment");
        assertThat(encrypted.lines().toList().get(0)).startsWith("#ENC[");

        String decrypted = new String(SopsDecryptor.decrypt("app.yaml", encrypted.getBytes(StandardCharsets.UTF_8),
                SopsFormat.YAML, List.of(identity)), StandardCharsets.UTF_8);
        List<String> lines = decrypted.lines().map(String::strip).toList();
        assertThat(lines.get(0)).isEqualTo("# top 🚀 comment");
        assertThat(lines).containsSubsequence("db:", "# nested comment", "user: \"app\"", "port: 5432", "# end of db",
                "public_unencrypted:", "# clear comment", "note: \"visible\"");
    }

    @Test
    void aCommentOfAnotherPathDoesNotDecrypt() {
        String encrypted = encrypt();
        String nested = encrypted.lines().map(String::strip).filter(l -> l.startsWith("#ENC[")).toList().get(1);
        // the nested comment's AAD is "db:", so moved to the top level it stays as it is, encrypted
        String moved = nested + "\n" + encrypted;

        String decrypted = new String(SopsDecryptor.decrypt("app.yaml", moved.getBytes(StandardCharsets.UTF_8),
                SopsFormat.YAML, List.of(identity)), StandardCharsets.UTF_8);
        assertThat(decrypted.lines().toList().get(0)).isEqualTo(nested);
    }

    @Test
    void updatekeysKeepsYamlComments() {
        String encrypted = encrypt();
        AgeIdentity newNode = SopsFixtures.newIdentity();
        byte[] updated = KeyUpdater.update("app.yaml", encrypted.getBytes(StandardCharsets.UTF_8), SopsFormat.YAML,
                List.of(identity), List.of(identity.recipient(), newNode.recipient())).content();

        assertThat(new String(SopsDecryptor.decrypt("app.yaml", updated, SopsFormat.YAML, List.of(newNode)), StandardCharsets.UTF_8))
                .contains("# nested comment").contains("# end of db");
    }

    /** A file the real sops wrote, with an encrypted top-level comment: decrypt shows it back in place. */
    @Test
    void aCommentSopsEncryptedDecryptsInPlace() {
        String name = "novops/test-dotenv.encrypted.yml";
        String decrypted = new String(SopsDecryptor.decrypt(name, SopsFixtures.bytes(name), SopsFormat.YAML,
                SopsFixtures.identities("novops/age1")), StandardCharsets.UTF_8);

        assertThat(decrypted.lines().toList()).containsSubsequence("app_host: \"http://localhost\"",
                "# This comment should be ignored", "WITH_LINES: |");
    }

    private String encrypt() {
        return new String(SopsEncryptor.encrypt("app.yaml", YAML.getBytes(StandardCharsets.UTF_8), SopsFormat.YAML,
                new EncryptionSettings(List.of(identity.recipient()), CryptRule.DEFAULT, false)), StandardCharsets.UTF_8);
    }
}
