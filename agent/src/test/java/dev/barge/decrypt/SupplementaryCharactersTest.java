package dev.barge.decrypt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Characters outside the Basic Multilingual Plane (emoji, mathematical letters) are two Java chars but one
 * code point for the YAML parser: a quoted value after them must still read as a string, both when barge
 * encrypts a file and when it reads one another sops implementation wrote.
 */
class SupplementaryCharactersTest {
    /** Emoji and other supplementary characters in comments, keys and values, before values whose quoting decides their type. */
    static final String YAML = """
            # 🚀 launch notes 𝔘𝔫𝔦𝔠𝔬𝔡𝔢
            x: "🚀"
            😀key: "𝄞 clef"
            y: "123"
            z: "true"
            v: ""
            nested: # 🎉
              emoji_𝒳: '🚀🚀'
              q: "0x10"
            plain_int: 42
            plain_bool: true
            list: ["🚀", "7", 8]
            """;

    private final AgeIdentity identity = SopsFixtures.newIdentity();

    @Test
    void quotedValuesAfterAnEmojiStayStrings() {
        ObjectNode doc = TreeReader.readYaml("app.yaml", YAML.getBytes(StandardCharsets.UTF_8)).get(0);

        assertThat(doc.get("y").isTextual()).isTrue();
        assertThat(doc.get("z").isTextual()).isTrue();
        assertThat(doc.get("v").isTextual()).as("an empty quoted string is not null").isTrue();
        assertThat(doc.get("😀key").textValue()).isEqualTo("𝄞 clef");
        assertThat(doc.get("nested").get("emoji_𝒳").textValue()).isEqualTo("🚀🚀");
        assertThat(doc.get("nested").get("q").isTextual()).isTrue();
        assertThat(doc.get("plain_int").isIntegralNumber()).isTrue();
        assertThat(doc.get("plain_bool").isBoolean()).isTrue();
        assertThat(doc.get("list").get(1).isTextual()).isTrue();
        assertThat(doc.get("list").get(2).isIntegralNumber()).isTrue();
    }

    @Test
    void quotedValuesAfterAnEmojiAreEncryptedAsStringsAndComeBackTheSame() {
        byte[] encrypted = SopsEncryptor.encrypt("app.yaml", YAML.getBytes(StandardCharsets.UTF_8), SopsFormat.YAML,
                new EncryptionSettings(List.of(identity.recipient()), CryptRule.DEFAULT, false));
        String text = new String(encrypted, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("type:int]\n    z").doesNotContain("type:bool,").doesNotContain("v: null");
        assertThat(text.lines().filter(l -> l.startsWith("y:") || l.startsWith("z:"))).allMatch(l -> l.contains("type:str]"));

        ObjectNode plain = TreeReader.readYaml("app.yaml", YAML.getBytes(StandardCharsets.UTF_8)).get(0);
        ObjectNode decrypted = SopsDecryptor.open("app.yaml", encrypted, SopsFormat.YAML, List.of(identity)).documents().get(0);
        assertThat(decrypted).isEqualTo(plain);
    }

    /**
     * A file as another sops implementation writes it, built here with an independently computed MAC:
     * unencrypted values are hashed as the Go store typed them, so "true" after an emoji must hash as the
     * string "true", not the bool "True".
     */
    @Test
    void aFileFromAnotherImplementationWithAnEmojiBeforeAQuotedValueVerifies() throws Exception {
        byte[] dataKey = new byte[32];
        new java.security.SecureRandom().nextBytes(dataKey);
        String secret = ValueCipher.encrypt("s3cret 🔑".getBytes(StandardCharsets.UTF_8), "str", dataKey, "b:");
        MessageDigest sha = MessageDigest.getInstance("SHA-512");
        for (String leaf : List.of("🚀", "s3cret 🔑", "true", "123")) {
            sha.update(leaf.getBytes(StandardCharsets.UTF_8));
        }
        String lastModified = "2026-01-02T03:04:05Z";
        String mac = ValueCipher.encrypt(HexFormat.of().withUpperCase().formatHex(sha.digest()).getBytes(StandardCharsets.UTF_8),
                "str", dataKey, lastModified);
        String file = """
                # 𝔠𝔬𝔪𝔪𝔢𝔫𝔱 🚀
                a_unencrypted: "🚀"
                b: %s
                c_unencrypted: "true"
                d_unencrypted: "123"
                sops:
                    age:
                        - recipient: %s
                          enc: |
                %s
                    lastmodified: "%s"
                    mac: %s
                    unencrypted_suffix: _unencrypted
                    version: 3.9.0
                """.formatted(secret, identity.recipient(), AgeKeys.encrypt(dataKey, identity.recipient()).indent(16).stripTrailing(),
                lastModified, mac);

        JsonNode decrypted = SopsDecryptor.open("other.yaml", file.getBytes(StandardCharsets.UTF_8), SopsFormat.YAML,
                List.of(identity)).documents().get(0);

        assertThat(decrypted.get("b").textValue()).isEqualTo("s3cret 🔑");
        assertThat(decrypted.get("c_unencrypted").isTextual()).isTrue();
        assertThat(decrypted.get("d_unencrypted").isTextual()).isTrue();
    }
}
