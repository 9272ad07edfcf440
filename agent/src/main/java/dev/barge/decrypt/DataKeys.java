package dev.barge.decrypt;

import dev.barge.BargeException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Gets a file's 32-byte data key from its age entries with this node's identities, and says clearly why
 * not when it cannot: recipient types barge does not read, PGP/KMS-only files, or no identity of this
 * node among the file's recipients.
 */
final class DataKeys {
    static final int DATA_KEY_BYTES = 32;

    private DataKeys() {
    }

    static byte[] unwrap(String path, SopsMetadata metadata, List<AgeIdentity> identities) {
        List<SopsMetadata.AgeEntry> entries = metadata.age();
        if (entries.isEmpty()) {
            if (!metadata.otherMasterKeys().isEmpty()) {
                throw BargeException.badInput(path + ": has no age recipient, only " + String.join("/", metadata.otherMasterKeys())
                        + " keys, which barge does not use: add an age recipient to its creation rule and run"
                        + " `sops updatekeys` where those keys are available");
            }
            throw BargeException.badInput(path + ": has no age recipient and no other usable key: re-encrypt it for age");
        }
        List<SopsMetadata.AgeEntry> usable = entries.stream().filter(e -> AgeKeys.isX25519Recipient(e.recipient())).toList();
        if (usable.isEmpty()) {
            throw BargeException.badInput(path + ": unsupported recipient type " + describeUnsupported(entries)
                    + ": barge reads age X25519 (age1…) recipients only; add one to the file's creation rule");
        }
        if (identities.isEmpty()) {
            throw new NotForThisNode(path + ": this node holds no age identity, and the file is for "
                    + recipients(usable) + ": set secrets.age_identities in the agent config or SOPS_AGE_KEY_FILE");
        }
        // the recipient line is not authenticated: try matching entries first, then every pair
        for (SopsMetadata.AgeEntry entry : usable) {
            for (AgeIdentity identity : identities) {
                if (identity.recipient().equals(entry.recipient())) {
                    byte[] key = tryUnwrap(entry, identity);
                    if (key == null) {
                        throw BargeException.refused(path + ": the data key wrapped for " + entry.recipient()
                                + " does not decrypt with this node's identity for it: the file was altered; nothing from it is used;"
                                + " restore it from git");
                    }
                    return checked(path, key);
                }
            }
        }
        for (SopsMetadata.AgeEntry entry : usable) {
            for (AgeIdentity identity : identities) {
                byte[] key = tryUnwrap(entry, identity);
                if (key != null) {
                    return checked(path, key);
                }
            }
        }
        throw new NotForThisNode(path + ": no age identity of this node can decrypt it: file recipients "
                + recipients(usable) + "; this node holds " + identities.stream().map(AgeIdentity::recipient)
                .collect(Collectors.joining(", ")) + "; run `barge secrets updatekeys` after adding this node's"
                + " recipient to .sops.yaml");
    }

    private static byte[] tryUnwrap(SopsMetadata.AgeEntry entry, AgeIdentity identity) {
        try {
            return AgeKeys.decrypt(entry.enc(), identity);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] checked(String path, byte[] key) {
        if (key.length != DATA_KEY_BYTES) {
            throw BargeException.refused(path + ": its wrapped data key is " + key.length + " bytes, not "
                    + DATA_KEY_BYTES + ": the file was altered; nothing from it is used; restore it from git");
        }
        return key;
    }

    private static String recipients(List<SopsMetadata.AgeEntry> entries) {
        return entries.stream().map(SopsMetadata.AgeEntry::recipient).collect(Collectors.joining(", "));
    }

    private static String describeUnsupported(List<SopsMetadata.AgeEntry> entries) {
        return entries.stream().map(e -> {
            String r = e.recipient();
            String shown = r.length() > 20 ? r.substring(0, 20) + "…" : r;
            if (AgeKeys.isPostQuantumRecipient(r)) {
                return shown + " (post-quantum ML-KEM, sops ≥ 3.12)";
            }
            if (r.startsWith("ssh-")) {
                return shown + " (SSH key)";
            }
            return shown + (r.startsWith("age1") ? " (age plugin)" : "");
        }).distinct().collect(Collectors.joining(", "));
    }
}
