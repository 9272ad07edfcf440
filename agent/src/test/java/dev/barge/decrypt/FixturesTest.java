package dev.barge.decrypt;

import static dev.barge.decrypt.SopsFixtures.KUSTOMIZE;
import static dev.barge.decrypt.SopsFixtures.bytes;
import static dev.barge.decrypt.SopsFixtures.failure;
import static dev.barge.decrypt.SopsFixtures.identities;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of src/test/resources/sops/README.md: real sops files give exactly what the README says. */
class FixturesTest {

    static Stream<Arguments> readableFiles() {
        return Stream.of(
                Arguments.of(KUSTOMIZE + "algorithms_age.yaml", KUSTOMIZE + "keys_age.txt",
                        Map.of("stringData_key", "value", "kind", "Secret", "metadata_name", "age")),
                Arguments.of(KUSTOMIZE + "patches_merge1.yaml", KUSTOMIZE + "keys_age.txt", Map.of("stringData_key", "merge1")),
                Arguments.of(KUSTOMIZE + "patches_merge2.yaml", KUSTOMIZE + "keys_age.txt", Map.of("stringData_merge2", "merge2")),
                Arguments.of(KUSTOMIZE + "global_secret.yaml", KUSTOMIZE + "keys_age-global.txt",
                        Map.of("stringData_key", "global-value", "metadata_namespace", "default")),
                Arguments.of(KUSTOMIZE + "envs_env.env", KUSTOMIZE + "keys_age.txt", Map.of("key", "value")),
                Arguments.of(KUSTOMIZE + "inside_secret.decoded.json", KUSTOMIZE + "keys_age.txt", Map.of("data", "value")),
                Arguments.of("novops/test-nested.encrypted.yml", "novops/age1",
                        Map.of("nested_data_nestedKey", "nestedValue", "another_value", "foo")),
                Arguments.of("novops/test-nested.encrypted.yml", "novops/age2",
                        Map.of("nested_data_nestedKey", "nestedValue", "another_value", "foo")),
                Arguments.of("novops/test-dotenv.encrypted.yml", "novops/age2",
                        Map.of("APP_TOKEN", "s3cret!", "WITH_EQUAL", "EQUAL_CHAR=EQUAL_VALUE")),
                Arguments.of("sops-nix/secrets.yaml", "sops-nix/age-keys.txt",
                        Map.of("test_key", "test_value", "a_list", "e1,e3", "nested_test_file", "another value")));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("readableFiles")
    void decryptsVerifiesAndFlattens(String file, String identity, Map<String, String> expected) {
        SopsSecretReader reader = new SopsSecretReader(identities(identity));
        assertThat(reader.isEncrypted(file, bytes(file))).isTrue();
        assertThat(reader.variables(file, bytes(file))).containsAllEntriesOf(expected);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("clearCounterparts")
    void novopsFilesEqualTheirClearText(String encrypted, String identity, String clear) {
        byte[] decrypted = SopsDecryptor.decrypt(encrypted, bytes(encrypted), SopsFormat.YAML, identities(identity));
        // comments are dropped on both sides, as Jackson trees hold none
        assertThat(TreeReader.readYaml("decrypted", decrypted)).isEqualTo(TreeReader.readYaml(clear, bytes(clear)));
    }

    static Stream<Arguments> clearCounterparts() {
        return Stream.of(
                Arguments.of("novops/test-nested.encrypted.yml", "novops/age1", "novops/test-nested.clear.yml"),
                Arguments.of("novops/test-nested.encrypted.yml", "novops/age2", "novops/test-nested.clear.yml"),
                Arguments.of("novops/test-dotenv.encrypted.yml", "novops/age1", "novops/test-dotenv.clear.yml"),
                Arguments.of("novops/test-dotenv.encrypted.yml", "novops/age2", "novops/test-dotenv.clear.yml"));
    }

    @Test
    void novopsMultiLineStringsKeepTheirEscapesAndNewlines() {
        String file = "novops/test-dotenv.encrypted.yml";
        Map<String, String> variables = new SopsSecretReader(identities("novops/age1")).variables(file, bytes(file));
        assertThat(variables.get("WITH_LINES")).isEqualTo("foo\nbar\\nbaz\\\\n\\nzzz\n");
        assertThat(variables.get("app_host")).isEqualTo("http://localhost");
    }

    @Test
    void sopsNixListItemsAreDecryptedWithTheListPath() {
        String file = "sops-nix/secrets.yaml";
        byte[] yaml = SopsDecryptor.extract(file, bytes(file), SopsFormat.YAML, identities("sops-nix/age-keys.txt"), "[\"a_list\"]");
        assertThat(new String(yaml, StandardCharsets.UTF_8)).isEqualTo("  - \"e1\"\n  - \"e3\"\n");
    }

    @Test
    void binaryStoreFileGivesItsOriginalContent() {
        String file = KUSTOMIZE + "files_file.txt";
        SopsSecretReader reader = new SopsSecretReader(identities(KUSTOMIZE + "keys_age.txt"));
        assertThat(reader.isEncrypted(file, bytes(file))).isTrue();
        assertThat(reader.content(file, bytes(file))).isEqualTo("value".getBytes(StandardCharsets.UTF_8));
        String json = KUSTOMIZE + "inside_secret.decoded.json";
        assertThat(SopsDecryptor.decrypt(json, bytes(json), SopsFormat.BINARY, identities(KUSTOMIZE + "keys_age.txt")))
                .as("a .json file written by the binary store reads with either store").isEqualTo("value".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void dotenvContentIsTheDecryptedDotenvWithoutMetadata() {
        String file = KUSTOMIZE + "envs_env.env";
        byte[] content = new SopsSecretReader(identities(KUSTOMIZE + "keys_age.txt")).content(file, bytes(file));
        assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("key=value\n");
    }

    @Test
    void bareArmoredAgeFileDecryptsToItsFourBytes() throws Exception {
        AgeIdentity identity = identities("getsops-sops/mock-identity.txt").get(0);
        byte[] payload = AgeKeys.decrypt(SopsFixtures.text("getsops-sops/mock-encrypted-key.age"), identity);
        assertThat(payload).isEqualTo("data".getBytes(StandardCharsets.US_ASCII));
        assertThat(identity.recipient()).isEqualTo("age1lzd99uklcjnc0e7d860axevet2cz99ce9pq6tzuzd05l5nr28ams36nvun");
    }

    @Test
    void postQuantumRecipientIsAClearUnsupportedError() {
        String file = KUSTOMIZE + "algorithms_age-pq.yaml";
        List<AgeIdentity> pqKeys = identities(KUSTOMIZE + "keys_age-pq.txt");
        assertThat(pqKeys).as("a post-quantum identity is skipped, not an error").isEmpty();
        BargeException e = failure(() -> new SopsSecretReader(pqKeys).variables(file, bytes(file)));
        assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
        assertThat(e.getMessage()).contains(file, "unsupported recipient type age1pq1", "post-quantum").doesNotContain("\n");
    }

    @Test
    void pgpOnlyFileSaysItHasNoAgeRecipient() {
        String file = "getsops-sops/no_mac.yaml";
        BargeException e = failure(() -> new SopsSecretReader(identities(KUSTOMIZE + "keys_age.txt")).variables(file, bytes(file)));
        assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
        assertThat(e.getMessage()).contains(file, "no age recipient, only pgp keys");
    }

    @Test
    void wrongIdentityNamesTheFileRecipientsAndThisNodesRecipient() {
        String file = KUSTOMIZE + "algorithms_age.yaml";
        List<AgeIdentity> other = identities("novops/age1");
        BargeException e = failure(() -> new SopsSecretReader(other).variables(file, bytes(file)));
        assertThat(e.failure()).isEqualTo(Failure.REFUSED);
        assertThat(e.getMessage()).isEqualTo(file + ": no age identity of this node can decrypt it: file recipients"
                + " age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29; this node holds"
                + " age1mxx900ea5q9r3enkzj5v3partt2wgws33jnvswqan7ranur5w5vs4mumsj; run `barge secrets updatekeys`"
                + " after adding this node's recipient to .sops.yaml");
    }

    @Test
    void noIdentityAtAllIsRefusedWithWhatToSet() {
        String file = KUSTOMIZE + "envs_env.env";
        BargeException e = failure(() -> new SopsSecretReader(List.of()).variables(file, bytes(file)));
        assertThat(e.failure()).isEqualTo(Failure.REFUSED);
        assertThat(e.getMessage()).contains("holds no age identity", "secrets.age_identities");
    }
}
