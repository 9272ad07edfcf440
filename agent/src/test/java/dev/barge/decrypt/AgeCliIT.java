package dev.barge.decrypt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Debian's {@code age -d -i KEY} unwraps every {@code sops.age[].enc} that barge writes, in every store,
 * to the 32-byte data key, and that key decrypts the file's values: barge's files are real sops/age files.
 * The identity files are the ones {@code barge secrets keygen} writes, so age reads those too.
 */
class AgeCliIT {

    @TempDir
    Path dir;

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("app.yaml", SopsFormat.YAML, RoundTripTest.YAML, CryptRule.DEFAULT),
                Arguments.of("app.json", SopsFormat.JSON, RoundTripTest.JSON, new CryptRule(CryptRule.Kind.ENCRYPTED_REGEX, "^pass")),
                Arguments.of("app.env", SopsFormat.DOTENV, RoundTripTest.DOTENV, new CryptRule(CryptRule.Kind.UNENCRYPTED_REGEX, "^NOTE")),
                Arguments.of("tls.key", SopsFormat.BINARY, "-----BEGIN KEY-----\nhunter2\n", CryptRule.DEFAULT));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("files")
    void ageUnwrapsEveryDataKeyBargeWrote(String name, SopsFormat format, String plain, CryptRule rule) throws Exception {
        KeyGen.GeneratedKey first = KeyGen.generate(Clock.systemUTC());
        KeyGen.GeneratedKey second = KeyGen.generate(Clock.systemUTC());
        Path firstKey = Files.writeString(dir.resolve("first.key"), first.fileText());
        Path secondKey = Files.writeString(dir.resolve("second.key"), second.fileText());
        byte[] encrypted = SopsEncryptor.encrypt(name, plain.getBytes(StandardCharsets.UTF_8), format,
                new EncryptionSettings(List.of(first.recipient(), second.recipient()), rule, false));

        List<ObjectNode> documents = SopsStores.readEncrypted(name, encrypted, format);
        JsonNode age = documents.get(0).get("sops").get("age");
        assertThat(age).hasSize(2);
        byte[] dataKey = null;
        for (int i = 0; i < 2; i++) {
            String enc = age.get(i).get("enc").textValue();
            Path key = age.get(i).get("recipient").textValue().equals(first.recipient()) ? firstKey : secondKey;
            byte[] unwrapped = ExternalTools.run(List.of("age", "-d", "-i", key.toString()), enc.getBytes(StandardCharsets.US_ASCII));
            assertThat(unwrapped).hasSize(32);
            if (dataKey != null) {
                assertThat(unwrapped).as("every recipient wraps the same data key").isEqualTo(dataKey);
            }
            dataKey = unwrapped;
        }

        String value = documents.get(0).get(format == SopsFormat.DOTENV ? "PASSWORD" : format == SopsFormat.BINARY ? "data" : "password").textValue();
        String aad = format == SopsFormat.DOTENV ? "PASSWORD:" : format == SopsFormat.BINARY ? "data:" : "password:";
        String decrypted = new String(ValueCipher.decrypt(value, dataKey, aad).plaintext, StandardCharsets.UTF_8);
        assertThat(decrypted).isEqualTo(format == SopsFormat.BINARY ? plain : "hunter2");
    }
}
