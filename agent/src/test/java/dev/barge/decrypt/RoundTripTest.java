package dev.barge.decrypt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Files barge encrypts decrypt and verify with barge, in every store, with every type and crypt rule. */
class RoundTripTest {
    static final String YAML = """
            password: hunter2
            port: 5432
            ratio: 0.25
            huge: 1e21
            enabled: true
            answer: "no"
            hosts: [alpha, beta]
            nested:
              key: value
              items:
                - name: x
                  count: 1
            empty: ""
            nothing: null
            public_unencrypted:
              note: visible
              count: 7
            """;
    /** The same without the list of mappings, which cannot become environment variables. */
    static final String FLAT_YAML = YAML.replace("  items:\n    - name: x\n      count: 1\n", "");
    static final String JSON = """
            {"password": "hunter2", "port": 5432, "ratio": 0.25, "huge": 1e21, "enabled": true, "answer": "no",
             "hosts": ["alpha", "beta"], "nested": {"key": "value", "items": [{"name": "x", "count": 1}]},
             "empty": "", "nothing": null, "public_unencrypted": {"note": "visible", "count": 7}}
            """;
    static final String DOTENV = "PASSWORD=hunter2\nEMPTY=\nMULTI=line1\\nline2\nWITH_EQUALS=a=b\nNOTE_unencrypted=visible\n";

    private final AgeIdentity identity = SopsFixtures.newIdentity();

    private EncryptionSettings settings(CryptRule rule, boolean macOnly) {
        return new EncryptionSettings(List.of(identity.recipient()), rule, macOnly);
    }

    static Stream<Arguments> plainFiles() {
        return Stream.of(
                Arguments.of("secrets/app.yaml", SopsFormat.YAML, YAML),
                Arguments.of("secrets/app.json", SopsFormat.JSON, JSON),
                Arguments.of("secrets/app.env", SopsFormat.DOTENV, DOTENV),
                Arguments.of("secrets/tls.pem", SopsFormat.BINARY, "-----BEGIN KEY-----\nAAAA\n-----END KEY-----\n"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("plainFiles")
    void encryptedFileDecryptsToTheSameDocument(String path, SopsFormat format, String plain) {
        byte[] encrypted = SopsEncryptor.encrypt(path, plain.getBytes(StandardCharsets.UTF_8), format, settings(CryptRule.DEFAULT, false));

        assertThat(new String(encrypted, StandardCharsets.UTF_8)).doesNotContain("hunter2", "AAAA").contains("ENC[AES256_GCM,data:");
        PlainDocument decrypted = SopsDecryptor.open(path, encrypted, format, List.of(identity));
        assertThat(decrypted.documents()).isEqualTo(SopsStores.readPlain(path, plain.getBytes(StandardCharsets.UTF_8), format));
        if (format == SopsFormat.BINARY) {
            assertThat(decrypted.toBytes(path)).isEqualTo(plain.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void eachScalarTypeIsEncryptedWithItsSopsType() {
        ObjectNode file = encryptYaml(YAML, CryptRule.DEFAULT, false).get(0);
        assertThat(file.get("password").textValue()).matches("ENC\\[AES256_GCM,data:.+,iv:.{44},tag:.{24},type:str]");
        assertThat(file.get("port").textValue()).endsWith(",type:int]");
        assertThat(file.get("ratio").textValue()).endsWith(",type:float]");
        assertThat(file.get("huge").textValue()).endsWith(",type:float]");
        assertThat(file.get("enabled").textValue()).endsWith(",type:bool]");
        assertThat(file.get("answer").textValue()).endsWith(",type:str]");
        assertThat(file.get("hosts").get(1).textValue()).endsWith(",type:str]");
        assertThat(file.get("nested").get("items").get(0).get("count").textValue()).endsWith(",type:int]");
        assertThat(file.get("empty").textValue()).as("empty strings are never encrypted").isEmpty();
        assertThat(file.get("nothing").isNull()).isTrue();
        assertThat(file.get("public_unencrypted").get("note").textValue()).isEqualTo("visible");
        assertThat(file.get("public_unencrypted").get("count").longValue()).isEqualTo(7);
        assertThat(file.get("sops").get("unencrypted_suffix").textValue()).isEqualTo("_unencrypted");
        assertThat(file.get("sops").get("lastmodified").textValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @Test
    void decryptedValuesKeepTheirTypesAndGoFormatting() {
        byte[] encrypted = SopsEncryptor.encrypt("a.yaml", FLAT_YAML.getBytes(StandardCharsets.UTF_8), SopsFormat.YAML, settings(CryptRule.DEFAULT, false));
        assertThat(FLAT_YAML).doesNotContain("items");
        Map<String, String> variables = new SopsSecretReader(List.of(identity)).variables("a.yaml", encrypted);
        assertThat(variables).containsEntry("port", "5432").containsEntry("ratio", "0.25")
                .containsEntry("huge", "1000000000000000000000").containsEntry("enabled", "true")
                .containsEntry("hosts", "alpha,beta").containsEntry("empty", "").containsEntry("nothing", "")
                .containsEntry("public_unencrypted_note", "visible").containsEntry("nested_key", "value");
    }

    static Stream<Arguments> cryptRules() {
        return Stream.of(
                Arguments.of(CryptRule.DEFAULT, List.of("password", "port", "nested.key"), List.of("public_unencrypted.note")),
                Arguments.of(new CryptRule(CryptRule.Kind.ENCRYPTED_SUFFIX, "word"), List.of("password"), List.of("port", "nested.key")),
                Arguments.of(new CryptRule(CryptRule.Kind.UNENCRYPTED_REGEX, "^(port|nested)$"), List.of("password"),
                        List.of("port", "nested.key", "nested.items.name")),
                Arguments.of(new CryptRule(CryptRule.Kind.ENCRYPTED_REGEX, "^(password|nested)$"),
                        List.of("password", "nested.key", "nested.items.count"), List.of("port", "public_unencrypted.note")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cryptRules")
    void eachCryptRuleEncryptsExactlyWhatItSelects(CryptRule rule, List<String> encrypted, List<String> clear) {
        ObjectNode file = encryptYaml(YAML, rule, false).get(0);
        encrypted.forEach(path -> assertThat(at(file, path).textValue()).as(path).startsWith("ENC[AES256_GCM"));
        clear.forEach(path -> assertThat(at(file, path).asText()).as(path).doesNotStartWith("ENC["));
        if (rule != CryptRule.DEFAULT) {
            assertThat(file.get("sops").get(rule.kind().key()).textValue()).isEqualTo(rule.value());
        }
        byte[] bytes = TreeWriter.yaml(List.of(file));
        assertThat(SopsDecryptor.open("a.yaml", bytes, SopsFormat.YAML, List.of(identity)).documents())
                .isEqualTo(TreeReader.readYaml("a.yaml", YAML.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void multiDocumentYamlCarriesMetadataInEveryDocumentAndOneMac() {
        String plain = "a: 1\nb: secret\n---\nc: two\nd_unencrypted: clear\n";
        List<ObjectNode> file = encryptYaml(plain, CryptRule.DEFAULT, false);
        assertThat(file).hasSize(2);
        assertThat(file.get(1).get("sops").get("mac")).isEqualTo(file.get(0).get("sops").get("mac"));

        byte[] bytes = TreeWriter.yaml(file);
        Map<String, String> variables = new SopsSecretReader(List.of(identity)).variables("multi.yaml", bytes);
        assertThat(variables).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "secret", "c", "two", "d_unencrypted", "clear"));
        byte[] content = new SopsSecretReader(List.of(identity)).content("multi.yaml", bytes);
        assertThat(TreeReader.readYaml("x", content)).isEqualTo(TreeReader.readYaml("x", plain.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void macOnlyEncryptedIsWrittenAndHashesOnlyEncryptedValues() {
        ObjectNode file = encryptYaml(FLAT_YAML, CryptRule.DEFAULT, true).get(0);
        assertThat(file.get("sops").get("mac_only_encrypted").booleanValue()).isTrue();
        ((ObjectNode) file.get("public_unencrypted")).put("note", "edited by hand");
        Map<String, String> variables = new SopsSecretReader(List.of(identity))
                .variables("a.yaml", TreeWriter.yaml(List.of(file)));
        assertThat(variables).containsEntry("public_unencrypted_note", "edited by hand").containsEntry("password", "hunter2");
    }

    @Test
    void binaryStoreWritesNoDefaultRuleAndKeepsNonUtf8Bytes() {
        byte[] plain = {0, (byte) 0xff, (byte) 0xfe, 'x', '\n'};
        byte[] encrypted = SopsEncryptor.encrypt("blob.bin", plain, SopsFormat.BINARY, settings(CryptRule.DEFAULT, false));
        ObjectNode file = TreeReader.readJson("blob.bin", encrypted);
        assertThat(file.get("sops").has("unencrypted_suffix")).isFalse();
        assertThat(new SopsSecretReader(List.of(identity)).content("blob.bin", encrypted)).isEqualTo(plain);
    }

    @Test
    void dotenvIsWrittenWithFlattenedMetadataAndEscapedNewlines() {
        byte[] encrypted = SopsEncryptor.encrypt("a.env", DOTENV.getBytes(StandardCharsets.UTF_8), SopsFormat.DOTENV,
                settings(CryptRule.DEFAULT, false));
        String text = new String(encrypted, StandardCharsets.UTF_8);
        assertThat(text).contains("\nsops_age__list_0__map_enc=-----BEGIN AGE ENCRYPTED FILE-----\\n",
                "\nsops_age__list_0__map_recipient=" + identity.recipient() + "\n", "\nsops_unencrypted_suffix=_unencrypted\n",
                "\nNOTE_unencrypted=visible\n", "\nEMPTY=\n");
        assertThat(new SopsSecretReader(List.of(identity)).variables("a.env", encrypted))
                .containsEntry("MULTI", "line1\nline2").containsEntry("WITH_EQUALS", "a=b");
    }

    private List<ObjectNode> encryptYaml(String plain, CryptRule rule, boolean macOnly) {
        byte[] encrypted = SopsEncryptor.encrypt("a.yaml", plain.getBytes(StandardCharsets.UTF_8), SopsFormat.YAML, settings(rule, macOnly));
        return TreeReader.readYaml("a.yaml", encrypted);
    }

    private static JsonNode at(JsonNode node, String dotted) {
        for (String key : dotted.split("\\.")) {
            node = node.isArray() ? node.get(0).get(key) : node.get(key);
        }
        return node;
    }
}
