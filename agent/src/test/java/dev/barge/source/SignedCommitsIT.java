package dev.barge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits signed by real git (gpg.format=ssh and openpgp) are used only when signed by a listed key. */
class SignedCommitsIT {
    @TempDir
    static Path shared;
    static GitFixture repo;
    static Path gnupg;
    static Path aliceKey;
    static Path bobRsaKey;
    static Path malloryKey;
    static Path trustedSigners;
    static Path otherSigners;
    static Path graceAsc;
    static Path eveAsc;
    static String graceFingerprint;
    static String unsigned;
    static String byAlice;
    static String byBobRsa;
    static String byGrace;
    static String byMallory;

    @TempDir
    Path state;

    @BeforeAll
    static void commits() throws IOException {
        Path keys = Files.createDirectories(shared.resolve("keys"));
        aliceKey = SshServer.keygen(keys.resolve("alice"), "ed25519");
        bobRsaKey = SshServer.keygen(keys.resolve("bob"), "rsa");
        malloryKey = SshServer.keygen(keys.resolve("mallory"), "ed25519");
        trustedSigners = Files.writeString(keys.resolve("allowed_signers"),
                "# ops team\nalice@example.com namespaces=\"git\" " + publicKey(aliceKey) + "\nbob@example.com " + publicKey(bobRsaKey) + "\n");
        otherSigners = Files.writeString(keys.resolve("allowed_signers_other"), "mallory@example.com " + publicKey(malloryKey) + "\n");

        gnupg = Files.createDirectories(shared.resolve("gnupg"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        graceFingerprint = gpgKey("Grace Hopper <grace@example.com>", "default");
        String eveFingerprint = gpgKey("Eve <eve@example.com>", "ed25519");
        graceAsc = Files.writeString(keys.resolve("grace.asc"), gpg("--armor", "--export", graceFingerprint));
        eveAsc = Files.writeString(keys.resolve("eve.asc"), gpg("--armor", "--export", eveFingerprint));

        repo = new GitFixture(shared.resolve("git")).env("GNUPGHOME", gnupg.toString());
        repo.write("deployments/a.yaml", "deployment: a\n");
        unsigned = repo.commit("unsigned");
        byAlice = repo.commit("by alice", "gpg.format=ssh", "user.signingkey=" + aliceKey, "-S");
        byBobRsa = repo.commit("by bob", "gpg.format=ssh", "user.signingkey=" + bobRsaKey, "-S");
        byGrace = repo.commit("by grace", "gpg.format=openpgp", "user.signingkey=" + graceFingerprint, "-S");
        byMallory = repo.commit("by mallory", "gpg.format=ssh", "user.signingkey=" + malloryKey, "-S");
        repo.push();
    }

    @AfterAll
    static void stopAgent() {
        if (gnupg != null) {
            try {
                Proc.run(shared, Map.of("GNUPGHOME", gnupg.toString()), List.of("gpgconf", "--kill", "gpg-agent"));
            } catch (RuntimeException ignored) {
                // no agent was started
            }
        }
    }

    private static String publicKey(Path privateKey) throws IOException {
        String[] parts = Files.readString(privateKey.resolveSibling(privateKey.getFileName() + ".pub")).strip().split(" ");
        return parts[0] + " " + parts[1];
    }

    private static String gpg(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("gpg", "--batch", "--quiet"));
        command.addAll(List.of(args));
        return Proc.run(shared, Map.of("GNUPGHOME", gnupg.toString()), command);
    }

    private static String gpgKey(String userId, String algorithm) {
        gpg("--passphrase", "", "--quick-gen-key", userId, algorithm, "default", "never");
        for (String line : gpg("--with-colons", "--list-keys", userId).split("\n")) {
            if (line.startsWith("fpr:")) {
                return line.split(":")[9];
            }
        }
        throw new IllegalStateException("no fingerprint for " + userId);
    }

    private static String sshFingerprint(Path privateKey) {
        return Proc.run(shared, Map.of(), List.of("ssh-keygen", "-lf", privateKey + ".pub")).split(" ")[1];
    }

    private GitSource source(Path allowedSigners, List<Path> gpgKeys) {
        return new GitSource(Sources.of(repo.fileUrl(), AgentConfig.Auth.NONE, new AgentConfig.Verify(allowedSigners, gpgKeys)), state);
    }

    @Test
    void sshSignedCommitIsVerifiedAgainstAllowedSigners() {
        Snapshot snapshot = source(trustedSigners, List.of()).at(byAlice);

        assertThat(snapshot.verdict()).isEqualTo(new SignatureVerdict.Verified("alice@example.com", sshFingerprint(aliceKey),
                SignatureVerdict.Format.SSH));
        assertThat(snapshot.tree().read("deployments/a.yaml")).isPresent();
        // git itself agrees with the same allowed_signers file
        repo.git(repo.work, "-c", "gpg.ssh.allowedSignersFile=" + trustedSigners, "verify-commit", byAlice);
    }

    @Test
    void rsaSshSignatureIsVerified() {
        assertThat(source(trustedSigners, List.of()).at(byBobRsa).verdict())
                .isEqualTo(new SignatureVerdict.Verified("bob@example.com", sshFingerprint(bobRsaKey), SignatureVerdict.Format.SSH));
    }

    @Test
    void sshSignedCommitIsRefusedWhenItsKeyIsNotListed() {
        assertThatThrownBy(() -> source(otherSigners, List.of()).at(byAlice))
                .isInstanceOfSatisfying(UntrustedCommitException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
                    assertThat(e.failure().exitCode()).isEqualTo(77);
                    assertThat(e.commit()).isEqualTo(byAlice);
                    assertThat(e.verdict().reason()).contains(sshFingerprint(aliceKey)).contains("not listed in " + otherSigners);
                    assertThat(e.getMessage()).startsWith("commit " + byAlice.substring(0, 7) + " of branch main of " + repo.fileUrl() + " refused");
                });
    }

    @Test
    void gpgSignedCommitIsVerifiedAgainstTheGivenPublicKey() {
        Snapshot snapshot = source(null, List.of(eveAsc, graceAsc)).at(byGrace);

        assertThat(snapshot.verdict()).isInstanceOfSatisfying(SignatureVerdict.Verified.class, v -> {
            assertThat(v.signer()).isEqualTo("Grace Hopper <grace@example.com>");
            assertThat(v.format()).isEqualTo(SignatureVerdict.Format.GPG);
            assertThat(v.fingerprint()).isEqualTo(graceFingerprint); // quick-gen-key signs with the primary key
        });
    }

    @Test
    void gpgSignedCommitIsRefusedWithAnotherKey() {
        assertThatThrownBy(() -> source(null, List.of(eveAsc)).at(byGrace))
                .isInstanceOfSatisfying(UntrustedCommitException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
                    assertThat(e.verdict().reason()).contains("not among the trusted keys");
                });
    }

    @Test
    void unsignedCommitIsRefusedWhenVerificationIsOn() {
        assertThatThrownBy(() -> source(trustedSigners, List.of(graceAsc)).at(unsigned))
                .isInstanceOfSatisfying(UntrustedCommitException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
                    assertThat(e.verdict().reason()).isEqualTo("the commit is not signed");
                });
    }

    @Test
    void untrustedHeadIsNotHandedOutByFetch() {
        assertThatThrownBy(() -> source(trustedSigners, List.of(graceAsc)).fetch())
                .isInstanceOfSatisfying(UntrustedCommitException.class, e -> assertThat(e.commit()).isEqualTo(byMallory));
    }

    @Test
    void withoutVerifyEveryCommitIsUsedUnchecked() {
        Snapshot head = new GitSource(Sources.of(repo.fileUrl()), state).fetch();

        assertThat(head.commit()).isEqualTo(byMallory);
        assertThat(head.verdict()).isEqualTo(SignatureVerdict.NotChecked.INSTANCE);
    }

    @Test
    void localRepoIsVerifiedToo() {
        LocalGitRepo local = new LocalGitRepo(repo.work, ".", new AgentConfig.Verify(trustedSigners, List.of()));

        assertThat(local.at(byAlice).verdict()).isInstanceOf(SignatureVerdict.Verified.class);
        assertThatThrownBy(() -> local.at(unsigned)).isInstanceOf(UntrustedCommitException.class);
    }

    private static String[] byAlice() {
        return new String[] {"gpg.format=ssh", "user.signingkey=" + aliceKey, "-S"};
    }

    /** Finding 7 of issue 8: with verify on, a branch reset to an older signed commit was deployed. */
    @Test
    void branchResetToAnOlderSignedCommitIsRefused(@TempDir Path git) {
        GitFixture r = new GitFixture(git);
        r.write("deployments/a.yaml", "deployment: a # OLD-VULNERABLE\n");
        String old = r.commit("old", byAlice());
        r.push();
        r.write("deployments/a.yaml", "deployment: a # NEW-PATCHED\n");
        String patched = r.commit("patched", byAlice());
        r.push();
        AgentConfig.Verify verify = new AgentConfig.Verify(trustedSigners, List.of());
        GitSource source = new GitSource(Sources.of(r.fileUrl(), AgentConfig.Auth.NONE, verify), state);
        assertThat(source.fetch(Optional.of(old)).commit()).as("a head that descends is followed").isEqualTo(patched);

        r.git(r.work, "reset", "-q", "--hard", old);
        r.forcePush();

        assertThatThrownBy(() -> source.fetch(Optional.of(patched)))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
                    assertThat(e.getMessage()).contains("is at " + old.substring(0, 12))
                            .contains("last applied commit " + patched.substring(0, 12))
                            .contains("barge apply --commit " + old.substring(0, 12))
                            .endsWith("or set source.allow_force_push: true");
                });
        assertThat(new GitSource(Sources.allowingForcePush(r.fileUrl(), verify), state).fetch(Optional.of(patched)).commit())
                .as("followed with allow_force_push").isEqualTo(old);
        assertThat(source.at(old).commit()).as("a commit asked for on purpose").isEqualTo(old);
    }

    /** Finding 7 of issue 8: a key with valid-before=20200101 was accepted for a commit backdated to 2019. */
    @Test
    void expiredKeyIsRefusedForABackdatedCommit(@TempDir Path git) throws IOException {
        GitFixture r = new GitFixture(git).env("GIT_COMMITTER_DATE", "2019-06-01T12:00:00Z").env("GIT_AUTHOR_DATE", "2019-06-01T12:00:00Z");
        r.write("deployments/a.yaml", "deployment: a\n");
        String backdated = r.commit("backdated", byAlice());
        r.push();
        Path expired = Files.writeString(git.resolve("allowed_signers"),
                "alice@example.com valid-before=\"20200101\" " + publicKey(aliceKey) + "\n");
        // git checks the key at the commit's own time, so it accepts this commit
        r.git(r.work, "-c", "gpg.ssh.allowedSignersFile=" + expired, "verify-commit", backdated);

        AgentConfig.Verify verify = new AgentConfig.Verify(expired, List.of());
        assertThatThrownBy(() -> new GitSource(Sources.of(r.fileUrl(), AgentConfig.Auth.NONE, verify), state).at(backdated))
                .isInstanceOfSatisfying(UntrustedCommitException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
                    assertThat(e.verdict().reason()).contains("valid only before").contains("expired");
                });
    }
}
