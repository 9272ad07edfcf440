package dev.barge.decrypt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** barge secrets encrypt keeps a dotenv file's comments where sops does: in place, encrypted like a top-level value. */
class DotenvCommentsTest {
    static final String DOTENV = "# database 🚀 settings\nPASSWORD=hunter2\n\n#second comment\nUSER_unencrypted=app\n";

    private final AgeIdentity identity = SopsFixtures.newIdentity();

    @Test
    void encryptKeepsDotenvCommentsEncryptedInPlace() {
        String encrypted = encrypt(CryptRule.DEFAULT);
        List<String> lines = encrypted.lines().toList();

        assertThat(lines.get(0)).startsWith("#ENC[AES256_GCM,data:").endsWith(",type:comment]");
        assertThat(lines.get(1)).startsWith("PASSWORD=ENC[AES256_GCM,");
        assertThat(lines.get(2)).startsWith("#ENC[AES256_GCM,data:").endsWith(",type:comment]");
        assertThat(lines.get(3)).isEqualTo("USER_unencrypted=app");
        assertThat(lines.subList(4, lines.size())).allMatch(l -> l.startsWith("sops_"));
        assertThat(encrypted).doesNotContain("database").doesNotContain("second comment");

        byte[] decrypted = SopsDecryptor.decrypt("app.env", encrypted.getBytes(StandardCharsets.UTF_8), SopsFormat.DOTENV,
                List.of(identity));
        assertThat(new String(decrypted, StandardCharsets.UTF_8)).isEqualTo(DOTENV.replace("\n\n", "\n"));
    }

    @Test
    void commentsStayInClearWhenTheRuleLeavesTheTopLevelClear() {
        String encrypted = encrypt(new CryptRule(CryptRule.Kind.ENCRYPTED_REGEX, "^PASSWORD$"));

        assertThat(encrypted).startsWith("# database 🚀 settings\nPASSWORD=ENC[").contains("\n#second comment\nUSER_unencrypted=app\n");
        assertThat(SopsDecryptor.open("app.env", encrypted.getBytes(StandardCharsets.UTF_8), SopsFormat.DOTENV, List.of(identity))
                .documents().get(0).get("PASSWORD").textValue()).isEqualTo("hunter2");
    }

    @Test
    void updatekeysKeepsDotenvComments() {
        String encrypted = encrypt(CryptRule.DEFAULT);
        AgeIdentity newNode = SopsFixtures.newIdentity();

        byte[] updated = KeyUpdater.update("app.env", encrypted.getBytes(StandardCharsets.UTF_8), SopsFormat.DOTENV,
                List.of(identity), List.of(identity.recipient(), newNode.recipient())).content();

        assertThat(new String(SopsDecryptor.decrypt("app.env", updated, SopsFormat.DOTENV, List.of(newNode)), StandardCharsets.UTF_8))
                .isEqualTo(DOTENV.replace("\n\n", "\n"));
    }

    private String encrypt(CryptRule rule) {
        return new String(SopsEncryptor.encrypt("app.env", DOTENV.getBytes(StandardCharsets.UTF_8), SopsFormat.DOTENV,
                new EncryptionSettings(List.of(identity.recipient()), rule, false)), StandardCharsets.UTF_8);
    }
}
