package dev.barge.decrypt;

import dev.barge.BargeException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** For whom and how a file is encrypted: age X25519 recipients, the crypt rule, and mac_only_encrypted. */
public record EncryptionSettings(List<String> ageRecipients, CryptRule rule, boolean macOnlyEncrypted) {

    public EncryptionSettings {
        Objects.requireNonNull(rule, "rule");
        List<String> recipients = new ArrayList<>();
        for (String recipient : ageRecipients) {
            for (String item : recipient.split(",")) {
                String r = item.strip();
                if (!r.isEmpty() && !recipients.contains(r)) {
                    recipients.add(checked(r));
                }
            }
        }
        if (recipients.isEmpty()) {
            throw BargeException.badInput("no age recipient to encrypt for: pass --age RECIPIENT or name one in .sops.yaml");
        }
        ageRecipients = List.copyOf(recipients);
    }

    /**
     * The settings for encrypting {@code file}: {@code --age} recipients when given, else the first
     * matching creation rule of the nearest .sops.yaml; a crypt rule or mac_only_encrypted given on the
     * command line ({@code ruleFlag} non-null, {@code macOnlyFlag}) wins over the creation rule's.
     */
    public static EncryptionSettings resolve(Path file, List<String> ageFlags, CryptRule ruleFlag, boolean macOnlyFlag) {
        EncryptionSettings base;
        if (!ageFlags.isEmpty()) {
            base = new EncryptionSettings(ageFlags, CryptRule.DEFAULT, false);
        } else {
            base = CreationRules.find(file)
                    .orElseThrow(() -> BargeException.badInput("no " + CreationRules.FILE_NAME + " found in the directories above "
                            + file + ": pass --age RECIPIENT or add a .sops.yaml with creation_rules"))
                    .settingsFor(file);
        }
        return new EncryptionSettings(base.ageRecipients, ruleFlag != null ? ruleFlag : base.rule,
                macOnlyFlag || base.macOnlyEncrypted);
    }

    private static String checked(String recipient) {
        if (AgeKeys.isPostQuantumRecipient(recipient)) {
            throw BargeException.badInput("recipient " + recipient.substring(0, Math.min(20, recipient.length()))
                    + "… is a post-quantum age1pq1 recipient, which barge does not support: use an X25519 age1… recipient");
        }
        if (!AgeKeys.isX25519Recipient(recipient)) {
            throw BargeException.badInput("recipient '" + recipient + "' is not an age X25519 recipient (age1… of 62"
                    + " characters): barge encrypts for age X25519 recipients only");
        }
        try {
            AgeKeys.checkRecipient(recipient);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw BargeException.badInput("recipient " + recipient + " is not a valid age recipient (bad checksum): fix it");
        }
        return recipient;
    }
}
