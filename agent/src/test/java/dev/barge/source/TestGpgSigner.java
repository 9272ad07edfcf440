package dev.barge.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPairGeneratorProvider;

/** A throwaway OpenPGP Ed25519 key made with BouncyCastle: its armored public key and detached signatures. */
final class TestGpgSigner {
    private final PGPKeyPair pair;
    private final String armoredPublicKey;

    TestGpgSigner(String userId) {
        this(userId, 0);
    }

    /** @param validSeconds the key's expiry, counted from its creation a minute ago; 0 for none */
    TestGpgSigner(String userId, long validSeconds) {
        try {
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            if (validSeconds > 0) {
                hashed.setKeyExpirationTime(false, validSeconds);
            }
            pair = new BcPGPKeyPairGeneratorProvider().get(PublicKeyPacket.VERSION_4, new Date(System.currentTimeMillis() - 60_000))
                    .generateLegacyEd25519KeyPair();
            PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, userId,
                    new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1), hashed.generate(), null,
                    new BcPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256), null);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArmoredOutputStream armored = new ArmoredOutputStream(out)) {
                rings.generatePublicKeyRing().encode(armored);
            }
            armoredPublicKey = out.toString(StandardCharsets.US_ASCII);
        } catch (PGPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String armoredPublicKey() {
        return armoredPublicKey;
    }

    String sign(byte[] payload) {
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256), pair.getPublicKey());
            generator.init(PGPSignature.BINARY_DOCUMENT, pair.getPrivateKey());
            generator.update(payload);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArmoredOutputStream armored = new ArmoredOutputStream(out)) {
                generator.generate().encode(armored);
            }
            return out.toString(StandardCharsets.US_ASCII);
        } catch (PGPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
