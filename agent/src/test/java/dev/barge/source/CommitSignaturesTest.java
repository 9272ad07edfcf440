package dev.barge.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommitSignaturesTest {
    private static final String SIGNATURE = "-----BEGIN SSH SIGNATURE-----\nAAAA\nBBBB\n-----END SSH SIGNATURE-----\n";

    @Test
    void unsignedCommitHasNoSignature() {
        assertThat(CommitSignatures.split(RawCommits.payload("plain").getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void signedCommitSplitsIntoThePayloadGitSignsAndTheArmoredSignature() {
        String payload = RawCommits.payload("signed\n\nbody line");
        CommitSignatures.Signed signed = CommitSignatures.split(RawCommits.signed(payload, SIGNATURE)).orElseThrow();

        assertThat(new String(signed.payload(), StandardCharsets.UTF_8)).isEqualTo(payload);
        assertThat(signed.signature()).isEqualTo(SIGNATURE);
        assertThat(signed.format()).isEqualTo(CommitSignatures.SignatureFormat.SSH);
    }

    @Test
    void sha256SignatureHeaderIsLeftOutOfThePayloadAndNotUsed() {
        String payload = RawCommits.payload("both");
        byte[] raw = RawCommits.signed(payload, SIGNATURE);
        String withSha256 = new String(raw, StandardCharsets.UTF_8)
                .replace("\n\nboth", "\ngpgsig-sha256 -----BEGIN PGP SIGNATURE-----\n x\n -----END PGP SIGNATURE-----\n\nboth");

        CommitSignatures.Signed signed = CommitSignatures.split(withSha256.getBytes(StandardCharsets.UTF_8)).orElseThrow();

        assertThat(new String(signed.payload(), StandardCharsets.UTF_8)).isEqualTo(payload);
        assertThat(signed.signature()).isEqualTo(SIGNATURE);
    }

    @Test
    void gpgsigTextInTheMessageBodyIsNotAHeader() {
        String payload = RawCommits.payload("subject\n\ngpgsig not a header\n continued");
        assertThat(CommitSignatures.split(payload.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void formatFollowsTheArmorHeader() {
        assertThat(CommitSignatures.SignatureFormat.of("-----BEGIN PGP SIGNATURE-----\n")).isEqualTo(CommitSignatures.SignatureFormat.GPG);
        assertThat(CommitSignatures.SignatureFormat.of("-----BEGIN SIGNED MESSAGE-----\n")).isEqualTo(CommitSignatures.SignatureFormat.X509);
        assertThat(CommitSignatures.SignatureFormat.of("whatever")).isEqualTo(CommitSignatures.SignatureFormat.UNKNOWN);
    }
}
