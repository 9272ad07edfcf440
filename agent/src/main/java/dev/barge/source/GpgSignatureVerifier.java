package dev.barge.source;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Checks OpenPGP commit signatures against the armored public keys the operator listed in
 * {@code source.verify.gpg_keys}: no keyring, no web of trust, no key server. Listing a key is the
 * trust decision. The key files are read on every check so that a rotated key takes effect at once.
 */
final class GpgSignatureVerifier {
    private final List<Path> keyFiles;

    GpgSignatureVerifier(List<Path> keyFiles) {
        this.keyFiles = keyFiles.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    List<Path> keyFiles() {
        return keyFiles;
    }

    /** @param now the time the key must be valid at (not the signature's own creation time, which the signer chose) */
    SignatureVerdict verify(byte[] payload, String armoredSignature, Instant now) {
        List<PGPPublicKeyRingCollection> trusted = loadKeys();
        PGPSignature signature;
        try {
            signature = parseSignature(armoredSignature);
        } catch (IOException | PGPException | RuntimeException e) {
            return new SignatureVerdict.Refused("the GPG signature cannot be read: " + e.getMessage());
        }
        if (signature == null) {
            return new SignatureVerdict.Refused("the GPG signature block holds no signature");
        }
        String issuer = issuer(signature);
        PGPPublicKey key = null;
        PGPPublicKeyRing ring = null;
        for (PGPPublicKeyRingCollection collection : trusted) {
            try {
                key = find(collection, signature);
                if (key != null) {
                    ring = collection.getPublicKeyRing(key.getKeyID());
                    break;
                }
            } catch (PGPException e) {
                return new SignatureVerdict.Refused("cannot look up GPG key " + issuer + ": " + e.getMessage());
            }
        }
        if (key == null || ring == null) {
            return new SignatureVerdict.Refused("signed by GPG key " + issuer + ", which is not among the trusted keys " + keyFiles);
        }
        String fingerprint = HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
        if (key.hasRevocation() || ring.getPublicKey().hasRevocation()) {
            return new SignatureVerdict.Refused("GPG key " + fingerprint + " is revoked");
        }
        long validSeconds = key.getValidSeconds();
        if (validSeconds > 0 && now.isAfter(key.getCreationTime().toInstant().plusSeconds(validSeconds))) {
            return new SignatureVerdict.Refused("GPG key " + fingerprint + " expired on "
                    + key.getCreationTime().toInstant().plusSeconds(validSeconds) + ": sign with a current key, or extend"
                    + " its expiry and export it again");
        }
        try {
            signature.init(new BcPGPContentVerifierBuilderProvider(), key);
            signature.update(payload);
            if (!signature.verify()) {
                return new SignatureVerdict.Refused("the GPG signature by " + fingerprint
                        + " does not match the commit (changed after signing, or a corrupt signature)");
            }
        } catch (PGPException | RuntimeException e) {
            return new SignatureVerdict.Refused("the GPG signature by " + fingerprint + " cannot be checked: " + e.getMessage());
        }
        return new SignatureVerdict.Verified(primaryUserId(ring, fingerprint), fingerprint, SignatureVerdict.Format.GPG);
    }

    private List<PGPPublicKeyRingCollection> loadKeys() {
        List<PGPPublicKeyRingCollection> collections = new ArrayList<>();
        for (Path file : keyFiles) {
            TrustFiles.requireReadable(file, "source.verify.gpg_keys");
            try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
                PGPPublicKeyRingCollection collection = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
                if (collection.size() == 0) {
                    throw new IOException("no public key found");
                }
                collections.add(collection);
            } catch (IOException | PGPException | RuntimeException e) {
                throw new BargeException(Failure.BAD_INPUT, "source.verify.gpg_keys file " + file
                        + " is not an OpenPGP public key (" + e.getMessage() + "): export it with gpg --armor --export KEYID");
            }
        }
        return collections;
    }

    private static PGPSignature parseSignature(String armored) throws IOException, PGPException {
        InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)));
        PGPObjectFactory factory = new BcPGPObjectFactory(in);
        Object object = factory.nextObject();
        if (object instanceof PGPCompressedData compressed) {
            object = new BcPGPObjectFactory(compressed.getDataStream()).nextObject();
        }
        if (object instanceof PGPSignatureList list && !list.isEmpty()) {
            return list.get(0);
        }
        return null;
    }

    private static PGPPublicKey find(PGPPublicKeyRingCollection collection, PGPSignature signature) throws PGPException {
        if (signature.getKeyID() != 0) {
            PGPPublicKey key = collection.getPublicKey(signature.getKeyID());
            if (key != null) {
                return key;
            }
        }
        byte[] fingerprint = issuerFingerprint(signature);
        return fingerprint == null ? null : collection.getPublicKey(fingerprint);
    }

    private static String issuer(PGPSignature signature) {
        byte[] fingerprint = issuerFingerprint(signature);
        if (fingerprint != null) {
            return HexFormat.of().withUpperCase().formatHex(fingerprint);
        }
        return String.format(Locale.ROOT, "%016X", signature.getKeyID());
    }

    private static byte[] issuerFingerprint(PGPSignature signature) {
        PGPSignatureSubpacketVector hashed = signature.getHashedSubPackets();
        IssuerFingerprint issuer = hashed == null ? null : hashed.getIssuerFingerprint();
        return issuer == null ? null : issuer.getFingerprint();
    }

    private static String primaryUserId(PGPPublicKeyRing ring, String fingerprint) {
        Iterator<String> ids = ring.getPublicKey().getUserIDs();
        return ids.hasNext() ? ids.next() : fingerprint;
    }
}
