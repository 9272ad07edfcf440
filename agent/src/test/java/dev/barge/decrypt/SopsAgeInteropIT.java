package dev.barge.decrypt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An independent reader agrees: the npm package sops-age (run with node) decrypts files that barge
 * encrypts to the same values barge started from. sops-age reads YAML, JSON and dotenv, but does not
 * verify the MAC, so this checks the value encryption, AADs, types and metadata layout, not the MAC
 * (that is checked against files the real sops wrote, in FixturesTest).
 */
class SopsAgeInteropIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Numbers compare by value: JavaScript has one number type. */
    private static final Comparator<JsonNode> NUMERIC = (a, b) -> a.isNumber() && b.isNumber()
            ? Double.compare(a.doubleValue(), b.doubleValue()) : a.equals(b) ? 0 : 1;

    @TempDir
    Path dir;

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("app.yaml", SopsFormat.YAML, "yaml", RoundTripTest.YAML, CryptRule.DEFAULT, false),
                Arguments.of("app.yaml", SopsFormat.YAML, "yaml", RoundTripTest.YAML,
                        new CryptRule(CryptRule.Kind.ENCRYPTED_REGEX, "^(password|nested)$"), true),
                Arguments.of("app.env", SopsFormat.DOTENV, "env", RoundTripTest.DOTENV, CryptRule.DEFAULT, false),
                Arguments.of("app.json", SopsFormat.JSON, "json", RoundTripTest.JSON, CryptRule.DEFAULT, false));
    }

    @ParameterizedTest(name = "{0} {4} mac_only_encrypted={5}")
    @MethodSource("files")
    void sopsAgeDecryptsBargeFilesToTheSameValues(String name, SopsFormat format, String fileType, String plain,
                                                  CryptRule rule, boolean macOnly) throws Exception {
        KeyGen.GeneratedKey key = KeyGen.generate(Clock.systemUTC());
        Path identity = Files.writeString(dir.resolve("node.key"), key.fileText());
        byte[] encrypted = SopsEncryptor.encrypt(name, plain.getBytes(StandardCharsets.UTF_8), format,
                new EncryptionSettings(List.of(key.recipient()), rule, macOnly));
        Path file = Files.write(dir.resolve(name), encrypted);
        Path script = Path.of(SopsAgeInteropIT.class.getResource("/sops-interop/decrypt.mjs").toURI());

        byte[] output = ExternalTools.run(List.of("node", script.toString(), ExternalTools.nodeModules().toString(),
                file.toString(), fileType, identity.toString()), new byte[0]);

        JsonNode theirs = JSON.readTree(output);
        JsonNode ours = JSON.valueToTree(SopsStores.readPlain(name, plain.getBytes(StandardCharsets.UTF_8), format).get(0));
        assertThat(theirs.equals(NUMERIC, ours)).as("sops-age gave %s, expected %s", theirs, ours).isTrue();
        assertThat(theirs.toString()).contains("hunter2");
    }
}
