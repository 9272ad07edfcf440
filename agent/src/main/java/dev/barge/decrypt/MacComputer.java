package dev.barge.decrypt;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * sops's MAC: SHA-512 over the plaintext bytes of the leaves in walk order (no keys, no separators),
 * uppercase hex. With {@code mac_only_encrypted} the hash starts with sha256("sops") and covers only
 * encrypted leaves, so unencrypted values may change without re-MACing.
 */
final class MacComputer {
    private static final byte[] MAC_ONLY_ENCRYPTED_INIT =
            HexFormat.of().parseHex("8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69");

    private final MessageDigest digest;
    private final boolean onlyEncrypted;

    MacComputer(boolean onlyEncrypted) {
        this.onlyEncrypted = onlyEncrypted;
        try {
            this.digest = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-512", e);
        }
        if (onlyEncrypted) {
            digest.update(MAC_ONLY_ENCRYPTED_INIT);
        }
    }

    /** Adds one plaintext leaf; {@code encrypted} says whether the crypt rule encrypts it. */
    void add(JsonNode plainLeaf, boolean encrypted) {
        if (!onlyEncrypted || encrypted) {
            digest.update(GoScalars.toBytes(plainLeaf));
        }
    }

    String hex() {
        return HexFormat.of().withUpperCase().formatHex(digest.digest());
    }
}
