package dev.barge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** allowed_signers in git's format, checked the way barge checks a commit (commit time 2023-11-14). */
class SshSignatureVerifierTest {
    private static TestSshSigner alice;
    private static TestSshSigner mallory;
    private static final Instant COMMIT_TIME = Instant.ofEpochSecond(RawCommits.TIME);
    private static final byte[] PAYLOAD = RawCommits.payload("deploy web 1.27").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        alice = new TestSshSigner();
        mallory = new TestSshSigner();
    }

    static Stream<Arguments> allowedSigners() {
        return Stream.of(
                Arguments.of("one principal", "alice@example.com %s", "alice@example.com"),
                Arguments.of("several principals", "alice@example.com,ops@example.com %s", "alice@example.com,ops@example.com"),
                Arguments.of("comments and blank lines", "# ops team\n\n   \nalice@example.com %s comment", "alice@example.com"),
                Arguments.of("namespaces includes git", "alice@example.com namespaces=\"git,file\" %s", "alice@example.com"),
                Arguments.of("valid around the commit time", "alice@example.com valid-after=\"20200101\",valid-before=\"20300101\" %s", "alice@example.com"),
                Arguments.of("listed after another key", "ops@example.com " + "%2$s\nalice@example.com %1$s", "alice@example.com"),
                Arguments.of("namespace file only", "alice@example.com namespaces=\"file\" %s", null),
                Arguments.of("expired before the commit", "alice@example.com valid-before=\"20200101\" %s", null),
                Arguments.of("not yet valid at the commit", "alice@example.com valid-after=\"20300101\" %s", null),
                Arguments.of("only another key", "mallory@example.com %2$s", null),
                Arguments.of("listed as a certificate authority", "*@example.com cert-authority %s", null),
                Arguments.of("negated namespace", "alice@example.com namespaces=\"*,!git\" %s", null),
                Arguments.of("quoted principals and a valid-before in UTC", "\"alice@example.com\" valid-before=\"20231114221321Z\" %s", "alice@example.com"),
                Arguments.of("valid-before one second before the commit", "alice@example.com valid-before=\"20231114221319Z\" %s", null),
                Arguments.of("empty file", "", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowedSigners")
    void checksTheSignerAgainstAllowedSigners(String name, String template, String expectedSigner) throws IOException {
        Path file = write(String.format(template, alice.publicKey(), mallory.publicKey()));

        SignatureVerdict verdict = new SshSignatureVerifier(file).verify(PAYLOAD, alice.sign(PAYLOAD), COMMIT_TIME);

        if (expectedSigner == null) {
            assertThat(verdict).isInstanceOf(SignatureVerdict.Refused.class);
            assertThat(((SignatureVerdict.Refused) verdict).reason()).contains("SSH key SHA256:").contains(file.toString());
        } else {
            assertThat(verdict).isInstanceOfSatisfying(SignatureVerdict.Verified.class, v -> {
                assertThat(v.signer()).isEqualTo(expectedSigner);
                assertThat(v.fingerprint()).startsWith("SHA256:");
                assertThat(v.format()).isEqualTo(SignatureVerdict.Format.SSH);
            });
        }
    }

    @Test
    void commitChangedAfterSigningIsRefused() throws IOException {
        Path file = write("alice@example.com " + alice.publicKey());
        byte[] tampered = RawCommits.payload("deploy web 6.66").getBytes(StandardCharsets.UTF_8);

        assertThat(new SshSignatureVerifier(file).verify(tampered, alice.sign(PAYLOAD), COMMIT_TIME))
                .isInstanceOf(SignatureVerdict.Refused.class);
    }

    @Test
    void signatureForAnotherNamespaceIsRefused() throws IOException {
        Path file = write("alice@example.com " + alice.publicKey());

        assertThat(new SshSignatureVerifier(file).verify(PAYLOAD, alice.sign(PAYLOAD, "file"), COMMIT_TIME))
                .isInstanceOf(SignatureVerdict.Refused.class);
    }

    @Test
    void malformedAllowedSignersIsBadInputNamingTheLine() throws IOException {
        Path file = write("# team\nalice@example.com " + alice.publicKey() + "\nbob@example.com\n");

        assertThatThrownBy(() -> new SshSignatureVerifier(file).verify(PAYLOAD, alice.sign(PAYLOAD), COMMIT_TIME))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
                    assertThat(e.getMessage()).contains(file + " line 3");
                });
    }

    @Test
    void missingAllowedSignersFileIsBadInput() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> new SshSignatureVerifier(missing).verify(PAYLOAD, alice.sign(PAYLOAD), COMMIT_TIME))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
                    assertThat(e.getMessage()).contains("allowed_signers").contains(missing.toString());
                });
    }

    @Test
    void editedAllowedSignersTakesEffectWithoutRestart() throws IOException {
        Path file = write("mallory@example.com " + mallory.publicKey());
        SshSignatureVerifier verifier = new SshSignatureVerifier(file);
        assertThat(verifier.verify(PAYLOAD, alice.sign(PAYLOAD), COMMIT_TIME)).isInstanceOf(SignatureVerdict.Refused.class);

        Files.writeString(file, "alice@example.com " + alice.publicKey() + "\n");

        assertThat(verifier.verify(PAYLOAD, alice.sign(PAYLOAD), COMMIT_TIME)).isInstanceOf(SignatureVerdict.Verified.class);
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(dir, "allowed_signers", "");
        Files.writeString(file, content + "\n");
        return file;
    }
}
