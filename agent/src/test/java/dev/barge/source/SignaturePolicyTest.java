package dev.barge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignaturePolicyTest {
    private static final String PAYLOAD = RawCommits.payload("deploy");
    private static final Instant TIME = Instant.ofEpochSecond(RawCommits.TIME);

    @TempDir
    Path dir;

    @Test
    void withoutVerifyNothingIsChecked() {
        assertThat(SignaturePolicy.of(null).check(PAYLOAD.getBytes(StandardCharsets.UTF_8), TIME))
                .isEqualTo(SignatureVerdict.NotChecked.INSTANCE);
    }

    @Test
    void unsignedCommitIsRefusedWhenVerifying() throws IOException {
        SignaturePolicy policy = SignaturePolicy.of(new AgentConfig.Verify(allowedSigners(new TestSshSigner()), List.of()));

        assertThat(policy.check(PAYLOAD.getBytes(StandardCharsets.UTF_8), TIME))
                .isEqualTo(new SignatureVerdict.Refused("the commit is not signed"));
    }

    @Test
    void sshSignedCommitIsCheckedAgainstAllowedSigners() throws IOException {
        TestSshSigner alice = new TestSshSigner();
        SignaturePolicy policy = SignaturePolicy.of(new AgentConfig.Verify(allowedSigners(alice), List.of()));
        byte[] raw = RawCommits.signed(PAYLOAD, alice.sign(PAYLOAD.getBytes(StandardCharsets.UTF_8)));

        assertThat(policy.check(raw, TIME)).isInstanceOf(SignatureVerdict.Verified.class);
    }

    @Test
    void gpgSignedCommitIsRefusedWhenOnlySshKeysAreTrusted() throws IOException {
        SignaturePolicy policy = SignaturePolicy.of(new AgentConfig.Verify(allowedSigners(new TestSshSigner()), List.of()));
        TestGpgSigner gpg = new TestGpgSigner("A <a@x>");
        byte[] raw = RawCommits.signed(PAYLOAD, gpg.sign(PAYLOAD.getBytes(StandardCharsets.UTF_8)));

        assertThat(policy.check(raw, TIME)).isInstanceOfSatisfying(SignatureVerdict.Refused.class,
                r -> assertThat(r.reason()).contains("gpg_keys is empty"));
    }

    @Test
    void gpgSignedCommitIsCheckedAgainstTheGivenKeys() throws IOException {
        TestGpgSigner gpg = new TestGpgSigner("A <a@x>");
        Path key = Files.writeString(dir.resolve("a.asc"), gpg.armoredPublicKey());
        SignaturePolicy policy = SignaturePolicy.of(new AgentConfig.Verify(null, List.of(key)));
        byte[] raw = RawCommits.signed(PAYLOAD, gpg.sign(PAYLOAD.getBytes(StandardCharsets.UTF_8)));

        assertThat(policy.check(raw, TIME)).isInstanceOf(SignatureVerdict.Verified.class);
    }

    @Test
    void expiredSshKeyIsRefusedForABackdatedCommit() throws IOException {
        TestSshSigner old = new TestSshSigner();
        Path signers = Files.writeString(dir.resolve("allowed_signers"), "a@x valid-before=\"20200101Z\" " + old.publicKey() + "\n");
        Instant backdated = Instant.parse("2019-06-01T00:00:00Z");
        byte[] raw = RawCommits.signed(PAYLOAD, old.sign(PAYLOAD.getBytes(StandardCharsets.UTF_8)));

        assertThat(SignaturePolicy.of(new AgentConfig.Verify(signers, List.of()), Clock.systemUTC()).check(raw, backdated))
                .isInstanceOfSatisfying(SignatureVerdict.Refused.class,
                        r -> assertThat(r.reason()).contains("valid only before 2020-01-01T00:00:00Z").contains("expired"));
        // the clock decides, not the commit's time: the same key was fine in 2019, whatever date a commit claims
        assertThat(SignaturePolicy.of(new AgentConfig.Verify(signers, List.of()), Clock.fixed(backdated, ZoneOffset.UTC))
                .check(raw, Instant.parse("2030-01-01T00:00:00Z"))).isInstanceOf(SignatureVerdict.Verified.class);
    }

    @Test
    void expiredGpgKeyIsRefusedAtTheCurrentTime() throws IOException {
        TestGpgSigner gpg = new TestGpgSigner("A <a@x>", 3600);
        Path key = Files.writeString(dir.resolve("a.asc"), gpg.armoredPublicKey());
        byte[] raw = RawCommits.signed(PAYLOAD, gpg.sign(PAYLOAD.getBytes(StandardCharsets.UTF_8)));
        AgentConfig.Verify verify = new AgentConfig.Verify(null, List.of(key));

        assertThat(SignaturePolicy.of(verify, Clock.systemUTC()).check(raw, TIME)).isInstanceOf(SignatureVerdict.Verified.class);
        Clock tomorrow = Clock.offset(Clock.systemUTC(), Duration.ofDays(1));
        assertThat(SignaturePolicy.of(verify, tomorrow).check(raw, TIME)).isInstanceOfSatisfying(SignatureVerdict.Refused.class,
                r -> assertThat(r.reason()).contains("expired on"));
    }

    @Test
    void verifyWithoutKeysIsBadInput() {
        assertThatThrownBy(() -> SignaturePolicy.of(new AgentConfig.Verify(null, List.of())))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT));
    }

    private Path allowedSigners(TestSshSigner signer) throws IOException {
        return Files.writeString(dir.resolve("allowed_signers"), "a@x " + signer.publicKey() + "\n");
    }
}
