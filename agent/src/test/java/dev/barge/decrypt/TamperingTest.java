package dev.barge.decrypt;

import static dev.barge.decrypt.SopsFixtures.KUSTOMIZE;
import static dev.barge.decrypt.SopsFixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One changed byte anywhere that matters is refused with REFUSED (77), and nothing from the file is used. */
class TamperingTest {
    private static final String K8S = KUSTOMIZE + "algorithms_age.yaml";
    private static final String ENV = KUSTOMIZE + "envs_env.env";
    private static final String BIN = KUSTOMIZE + "files_file.txt";
    private static final String NIX = "sops-nix/secrets.yaml";

    /** file, identity, a regex whose group 1 is the byte (or text) to change, its replacement, what it models. */
    static Stream<Arguments> tamperedFixtures() {
        return Stream.of(
                Arguments.of(K8S, KUSTOMIZE + "keys_age.txt", "key: ENC\\[AES256_GCM,data:(m)", "n", "a byte of a value's ciphertext"),
                Arguments.of(K8S, KUSTOMIZE + "keys_age.txt", "key: ENC\\[AES256_GCM,data:mHeXsmQ=,iv:(v)", "w", "a byte of a value's IV"),
                Arguments.of(K8S, KUSTOMIZE + "keys_age.txt", "IroV7hykADvD0IUaq6kikA==,type:(s)tr", "x", "a value's type"),
                Arguments.of(K8S, KUSTOMIZE + "keys_age.txt", "mac: ENC\\[AES256_GCM,data:(v)", "w", "a byte of the MAC"),
                Arguments.of(K8S, KUSTOMIZE + "keys_age.txt", "lastmodified: \"2024-11-12T13:33:4(2)Z", "3", "a digit of lastmodified"),
                Arguments.of(K8S, KUSTOMIZE + "keys_age.txt", "lastmodified: \"2024-1(1)-12", "x", "lastmodified made unparsable"),
                Arguments.of(K8S, KUSTOMIZE + "keys_age.txt", "kind: Secre(t)", "x", "an unencrypted value"),
                Arguments.of(K8S, KUSTOMIZE + "keys_age.txt", "name: (a)ge", "b", "an unencrypted nested value"),
                Arguments.of(K8S, KUSTOMIZE + "keys_age.txt", "(key): ENC", "k3y", "a key name (the value's AAD)"),
                Arguments.of(K8S, KUSTOMIZE + "keys_age.txt", "\\s+(Y)WdlLWVuY3J5cHRpb24ub3JnL3YxCi0\\+IFgyNTUxOSBZeHVS", "Z",
                        "a byte of the wrapped data key"),
                Arguments.of(ENV, KUSTOMIZE + "keys_age.txt", "key=ENC\\[AES256_GCM,data:(3)", "4", "a dotenv value"),
                Arguments.of(ENV, KUSTOMIZE + "keys_age.txt", "sops_mac=ENC\\[AES256_GCM,data:(Y)", "Z", "a dotenv MAC"),
                Arguments.of(ENV, KUSTOMIZE + "keys_age.txt", "sops_lastmodified=2024-11-12T13:3(3)", "4", "a dotenv lastmodified"),
                Arguments.of(BIN, KUSTOMIZE + "keys_age.txt", "\"data\": \"ENC\\[AES256_GCM,data:(Q)", "R", "a binary store value"),
                Arguments.of(NIX, "sops-nix/age-keys.txt", "a_list:\\s+- ENC\\[AES256_GCM,data:(o)", "p", "a list item"),
                Arguments.of(NIX, "sops-nix/age-keys.txt", "(a_list):", "b_list", "the key of a list (its items' AAD)"));
    }

    @ParameterizedTest(name = "{4} in {0}")
    @MethodSource("tamperedFixtures")
    void aChangedByteIsRefused(String file, String identity, String where, String replacement, String what) {
        SopsSecretReader reader = new SopsSecretReader(SopsFixtures.identities(identity));
        byte[] original = SopsFixtures.bytes(file);
        byte[] tampered = replaceGroup(original, where, replacement);

        BargeException e = failure(() -> reader.variables(file, tampered));

        assertThat(e.failure()).isEqualTo(Failure.REFUSED);
        assertThat(e.getMessage()).startsWith(file + ": ").contains("nothing from it is used", "restore it")
                .doesNotContain("value\n", "=value", "test_value", "\n");
        assertThat(reader.variables(file, original)).as("the untampered file still reads").isNotEmpty();
    }

    @Test
    void aFailedFileIsNotCachedAndFailsAgain() {
        SopsSecretReader reader = new SopsSecretReader(SopsFixtures.identities(KUSTOMIZE + "keys_age.txt"));
        byte[] tampered = replaceGroup(SopsFixtures.bytes(K8S), "kind: Secre(t)", "x");
        failure(() -> reader.variables(K8S, tampered));
        failure(() -> reader.content(K8S, tampered));
        assertThat(reader.decryptions()).isEqualTo(2);
        assertThat(reader.cachedFiles()).isZero();
    }

    static Stream<Arguments> tamperedBargeFiles() {
        return Stream.of(
                Arguments.of(SopsFormat.YAML, "public_unencrypted:\n  note: \"(v)isible", "V", false, Failure.REFUSED),
                Arguments.of(SopsFormat.YAML, "public_unencrypted:\n  note: \"(v)isible", "V", true, null),
                Arguments.of(SopsFormat.YAML, "count: (7)", "8", false, Failure.REFUSED),
                Arguments.of(SopsFormat.YAML, "count: (7)", "8", true, null),
                Arguments.of(SopsFormat.YAML, "password: \"ENC\\[AES256_GCM,data:(.)", null, true, Failure.REFUSED),
                Arguments.of(SopsFormat.YAML, "password: \"(ENC\\[AES256_GCM,data:[^\"]*)\"", "hunter3", false, Failure.REFUSED),
                Arguments.of(SopsFormat.YAML, "lastmodified: \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d(\\d)Z", null, true, Failure.REFUSED),
                Arguments.of(SopsFormat.YAML, "mac: \"ENC\\[AES256_GCM,data:(.)", null, false, Failure.REFUSED),
                Arguments.of(SopsFormat.YAML, "mac_only_encrypted: (true)", "false", true, Failure.REFUSED));
    }

    @ParameterizedTest(name = "{0} {1} -> {2} (mac_only_encrypted: {3})")
    @MethodSource("tamperedBargeFiles")
    void bargeFilesAreCheckedTheSameWay(SopsFormat format, String where, String replacement, boolean macOnly, Failure expected) {
        AgeIdentity identity = SopsFixtures.newIdentity();
        byte[] plain = RoundTripTest.FLAT_YAML.getBytes(StandardCharsets.UTF_8);
        byte[] encrypted = SopsEncryptor.encrypt("a.yaml", plain, format,
                new EncryptionSettings(List.of(identity.recipient()), CryptRule.DEFAULT, macOnly));
        byte[] tampered = replaceGroup(encrypted, where, replacement);
        SopsSecretReader reader = new SopsSecretReader(List.of(identity));

        if (expected == null) {
            assertThat(reader.variables("a.yaml", tampered)).containsEntry("password", "hunter2");
        } else {
            BargeException e = failure(() -> reader.variables("a.yaml", tampered));
            assertThat(e.failure()).isEqualTo(expected);
            assertThat(e.getMessage()).doesNotContain("hunter2");
        }
    }

    /** Replaces group 1 of the first match; a null replacement changes that one character to another. */
    static byte[] replaceGroup(byte[] content, String regex, String replacement) {
        String text = new String(content, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("test setup: %s occurs", regex).isTrue();
        String original = m.group(1);
        String changed = replacement != null ? replacement
                : String.valueOf((char) (original.charAt(0) == 'A' ? 'B' : original.charAt(0) == '9' ? '8'
                        : Character.isDigit(original.charAt(0)) ? original.charAt(0) + 1 : 'A'));
        assertThat(changed).isNotEqualTo(original);
        return (text.substring(0, m.start(1)) + changed + text.substring(m.end(1))).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void replaceGroupHelperChangesExactlyOneByte() {
        byte[] changed = replaceGroup("a: x\nb: 7".getBytes(StandardCharsets.UTF_8), "b: (7)", null);
        assertThat(new String(changed, StandardCharsets.UTF_8)).isEqualTo("a: x\nb: 8");
    }
}
