package dev.barge.decrypt;

import static dev.barge.decrypt.SopsFixtures.KUSTOMIZE;
import static dev.barge.decrypt.SopsFixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreationRulesTest {
    private static final String AGE = "age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29";
    private static final String OTHER = "age1mxx900ea5q9r3enkzj5v3partt2wgws33jnvswqan7ranur5w5vs4mumsj";

    @TempDir
    Path repo;

    @BeforeEach
    void kustomizeConfigWithAnchors() throws Exception {
        Files.write(repo.resolve(".sops.yaml"), SopsFixtures.bytes(KUSTOMIZE + ".sops.yaml"));
    }

    @Test
    void firstMatchingRuleWinsAndAnchorsAreResolved() {
        EncryptionSettings settings = EncryptionSettings.resolve(repo.resolve("secrets/app.yaml"), List.of(), null, false);
        assertThat(settings.ageRecipients()).containsExactly(AGE);
        assertThat(settings.rule()).isEqualTo(new CryptRule(CryptRule.Kind.ENCRYPTED_REGEX, "^(data|stringData)$"));

        EncryptionSettings json = EncryptionSettings.resolve(repo.resolve("x.json.yaml"), List.of(), null, false);
        assertThat(json.rule()).isEqualTo(new CryptRule(CryptRule.Kind.ENCRYPTED_REGEX, ".*"));

        EncryptionSettings env = EncryptionSettings.resolve(repo.resolve("a/b/staging.env"), List.of(), null, false);
        assertThat(env.rule()).isEqualTo(CryptRule.DEFAULT);
    }

    @Test
    void rulesBargeCannotWriteAreRefusedByNumber() {
        BargeException pgp = failure(() -> EncryptionSettings.resolve(repo.resolve("inside.yaml"), List.of(), null, false));
        assertThat(pgp.failure()).isEqualTo(Failure.BAD_INPUT);
        assertThat(pgp.getMessage()).contains("creation rule 1 of ", "(matching inside.yaml) names pgp keys");

        BargeException shamir = failure(() -> EncryptionSettings.resolve(repo.resolve("data.json"), List.of(), null, false));
        assertThat(shamir.getMessage()).contains("creation rule 5 of ", "uses 2 key groups (Shamir secret sharing)");
    }

    @Test
    void ageFlagsAndRuleFlagsWinOverTheConfig() {
        CryptRule flag = new CryptRule(CryptRule.Kind.ENCRYPTED_SUFFIX, "_secret");
        EncryptionSettings settings = EncryptionSettings.resolve(repo.resolve("inside.yaml"), List.of(OTHER + "," + AGE), flag, true);
        assertThat(settings.ageRecipients()).containsExactly(OTHER, AGE);
        assertThat(settings.rule()).isEqualTo(flag);
        assertThat(settings.macOnlyEncrypted()).isTrue();
    }

    @Test
    void recipientsMayBeACommaSeparatedStringOrAList() throws Exception {
        Path sub = Files.createDirectories(repo.resolve("sub"));
        Files.writeString(sub.resolve(".sops.yaml"), "creation_rules:\n"
                + "  - path_regex: ^list/\n    age:\n      - " + AGE + "\n      - " + OTHER + "\n    mac_only_encrypted: true\n"
                + "  - path_regex: \\.env$\n    age: \" " + OTHER + " , " + AGE + ",\"\n    unencrypted_regex: ^PUBLIC\n");
        EncryptionSettings list = EncryptionSettings.resolve(sub.resolve("list/x.yaml"), List.of(), null, false);
        assertThat(list.ageRecipients()).containsExactly(AGE, OTHER);
        assertThat(list.macOnlyEncrypted()).isTrue();
        EncryptionSettings csv = EncryptionSettings.resolve(sub.resolve("deep/er/y.env"), List.of(), null, false);
        assertThat(csv.ageRecipients()).containsExactly(OTHER, AGE);
        assertThat(csv.rule()).isEqualTo(new CryptRule(CryptRule.Kind.UNENCRYPTED_REGEX, "^PUBLIC"));
        BargeException none = failure(() -> EncryptionSettings.resolve(sub.resolve("z.txt"), List.of(), null, false));
        assertThat(none.getMessage()).contains("no creation rule in ", "matches z.txt", "pass --age");
    }

    @Test
    void noConfigAndNoFlagsSaysWhatToDo(@TempDir Path elsewhere) {
        BargeException e = failure(() -> EncryptionSettings.resolve(elsewhere.resolve("a.yaml"), List.of(), null, false));
        assertThat(e.getMessage()).contains("no .sops.yaml found", "pass --age RECIPIENT");
    }

    @Test
    void commentRulesAndPostQuantumRecipientsAreRefused() throws Exception {
        Files.writeString(repo.resolve(".sops.yaml"), "creation_rules:\n  - age: " + AGE + "\n    encrypted_comment_regex: sops:enc\n");
        assertThat(failure(() -> EncryptionSettings.resolve(repo.resolve("a.yaml"), List.of(), null, false)).getMessage())
                .contains("uses encrypted_comment_regex");
        assertThat(failure(() -> new EncryptionSettings(List.of("age1pq1qqqqqqqq"), CryptRule.DEFAULT, false)).getMessage())
                .contains("post-quantum age1pq1 recipient");
        assertThat(failure(() -> new EncryptionSettings(List.of("ssh-ed25519 AAAA"), CryptRule.DEFAULT, false)).getMessage())
                .contains("is not an age X25519 recipient");
        String badChecksum = AGE.substring(0, AGE.length() - 1) + "8";
        assertThat(failure(() -> new EncryptionSettings(List.of(badChecksum), CryptRule.DEFAULT, false)).getMessage())
                .contains("bad checksum");
    }
}
