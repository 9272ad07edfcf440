package dev.barge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpgSignatureVerifierTest {
    private static TestGpgSigner alice;
    private static TestGpgSigner mallory;
    private static final byte[] PAYLOAD = RawCommits.payload("deploy web 1.27").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        alice = new TestGpgSigner("Alice <alice@example.com>");
        mallory = new TestGpgSigner("Mallory <mallory@example.com>");
    }

    @Test
    void signatureByAListedKeyIsVerified() throws IOException {
        GpgSignatureVerifier verifier = new GpgSignatureVerifier(List.of(key("mallory.asc", mallory), key("alice.asc", alice)));

        assertThat(verifier.verify(PAYLOAD, alice.sign(PAYLOAD), java.time.Instant.now())).isInstanceOfSatisfying(SignatureVerdict.Verified.class, v -> {
            assertThat(v.signer()).isEqualTo("Alice <alice@example.com>");
            assertThat(v.fingerprint()).matches("[0-9A-F]{40}");
            assertThat(v.format()).isEqualTo(SignatureVerdict.Format.GPG);
        });
    }

    @Test
    void signatureByAnotherKeyIsRefusedNamingTheKey() throws IOException {
        GpgSignatureVerifier verifier = new GpgSignatureVerifier(List.of(key("alice.asc", alice)));

        assertThat(verifier.verify(PAYLOAD, mallory.sign(PAYLOAD), java.time.Instant.now())).isInstanceOfSatisfying(SignatureVerdict.Refused.class,
                r -> assertThat(r.reason()).contains("not among the trusted keys").contains("alice.asc"));
    }

    @Test
    void commitChangedAfterSigningIsRefused() throws IOException {
        GpgSignatureVerifier verifier = new GpgSignatureVerifier(List.of(key("alice.asc", alice)));
        byte[] tampered = RawCommits.payload("deploy web 6.66").getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.verify(tampered, alice.sign(PAYLOAD), java.time.Instant.now())).isInstanceOfSatisfying(SignatureVerdict.Refused.class,
                r -> assertThat(r.reason()).contains("does not match the commit"));
    }

    @Test
    void garbageSignatureIsRefused() throws IOException {
        GpgSignatureVerifier verifier = new GpgSignatureVerifier(List.of(key("alice.asc", alice)));

        assertThat(verifier.verify(PAYLOAD, "-----BEGIN PGP SIGNATURE-----\n\nbm90IGEgc2lnbmF0dXJl\n-----END PGP SIGNATURE-----\n", java.time.Instant.now()))
                .isInstanceOf(SignatureVerdict.Refused.class);
    }

    @Test
    void keyFileThatIsNoKeyIsBadInput() throws IOException {
        Path file = Files.writeString(dir.resolve("key.asc"), "not a key\n");

        assertThatThrownBy(() -> new GpgSignatureVerifier(List.of(file)).verify(PAYLOAD, alice.sign(PAYLOAD), java.time.Instant.now()))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
                    assertThat(e.getMessage()).contains(file.toString()).contains("gpg --armor --export");
                });
    }

    @Test
    void missingKeyFileIsBadInput() {
        Path file = dir.resolve("missing.asc");

        assertThatThrownBy(() -> new GpgSignatureVerifier(List.of(file)).verify(PAYLOAD, alice.sign(PAYLOAD), java.time.Instant.now()))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT));
    }

    private Path key(String name, TestGpgSigner signer) throws IOException {
        return Files.writeString(dir.resolve(name), signer.armoredPublicKey());
    }
}
