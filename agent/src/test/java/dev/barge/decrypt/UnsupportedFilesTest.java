package dev.barge.decrypt;

import static dev.barge.decrypt.SopsFixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Files barge cannot read get one clear BAD_INPUT line, never a stack trace and never a value. */
class UnsupportedFilesTest {
    private static final AgeIdentity NODE = SopsFixtures.newIdentity();
    private static final String ENCRYPTED = new String(SopsEncryptor.encrypt("a.yaml",
            "password: hunter2\n".getBytes(StandardCharsets.UTF_8), SopsFormat.YAML,
            new EncryptionSettings(List.of(NODE.recipient()), CryptRule.DEFAULT, false)), StandardCharsets.UTF_8);
    private static final String VALUE = ENCRYPTED.substring(0, ENCRYPTED.indexOf("\nsops:"));

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("Shamir key groups", VALUE + "\nsops:\n  key_groups:\n    - age: [{recipient: " + NODE.recipient()
                        + ", enc: x}]\n    - pgp: [{fp: ABC, enc: y}]\n  shamir_threshold: 2\n  lastmodified: '2024-01-01T00:00:00Z'\n  mac: x\n",
                        "uses 2 key groups (Shamir secret sharing, threshold 2), which barge does not support"),
                Arguments.of("KMS only", VALUE + "\nsops:\n  kms: [{arn: 'arn:aws:kms:x', enc: abc}]\n  age: []\n"
                        + "  lastmodified: '2024-01-01T00:00:00Z'\n  mac: x\n", "has no age recipient, only kms keys"),
                Arguments.of("PGP and KMS only", VALUE + "\nsops:\n  kms: [{arn: 'arn:aws:kms:x', enc: abc}]\n  pgp: [{fp: A, enc: b}]\n"
                        + "  lastmodified: '2024-01-01T00:00:00Z'\n  mac: x\n", "has no age recipient, only pgp/kms keys"),
                Arguments.of("comment regex rule", ENCRYPTED.replace("unencrypted_suffix: \"_unencrypted\"", "unencrypted_comment_regex: \"^clear\""),
                        "uses unencrypted_comment_regex, a crypt rule on YAML comments that barge does not support"),
                Arguments.of("two crypt rules", ENCRYPTED.replace("unencrypted_suffix:", "encrypted_regex: \"x\"\n  unencrypted_suffix:"),
                        "names more than one crypt rule (unencrypted_suffix, encrypted_regex)"),
                Arguments.of("age plugin recipient", VALUE + "\nsops:\n  age: [{recipient: age1yubikey1qqqq, enc: x}]\n"
                        + "  lastmodified: '2024-01-01T00:00:00Z'\n  mac: x\n", "unsupported recipient type age1yubikey1qqqq (age plugin)"),
                Arguments.of("no metadata", "password: hunter2\n", "is not a sops-encrypted file (it has no sops metadata)"),
                Arguments.of("metadata not a mapping", "password: hunter2\nsops: yes\n", "is not a sops-encrypted file"),
                Arguments.of("invalid YAML", "password: [hunter2\nsops: {}\n", "is not valid YAML at line"),
                Arguments.of("top-level list", "- hunter2\n", "the top level of a YAML document must be a mapping, found array"),
                Arguments.of("duplicate key", "password: hunter2\npassword: hunter2\n", "line 2: duplicate key 'password'"),
                Arguments.of("control character", "password: hunter2\u0001\n", "line 1: has a control character"),
                Arguments.of("unknown alias", "password: *missing\n", "line 1: alias *missing names no anchor"),
                Arguments.of("not UTF-8", "password: \u00ff", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void isRefusedWithOneClearLine(String what, String content, String message) {
        byte[] bytes = what.equals("not UTF-8") ? new byte[] {'a', ':', ' ', (byte) 0xff} : content.getBytes(StandardCharsets.UTF_8);
        BargeException e = failure(() -> new SopsSecretReader(List.of(NODE)).variables("secrets/db.sops.yaml", bytes));
        assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
        assertThat(e.getMessage()).startsWith("secrets/db.sops.yaml: ").doesNotContain("hunter2", "\n")
                .contains(message == null ? "is not UTF-8 text" : message);
    }
}
