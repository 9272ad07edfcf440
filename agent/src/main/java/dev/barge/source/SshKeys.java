package dev.barge.source;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * SSH public keys in their wire form: fingerprints as ssh-keygen prints them, and checking a raw
 * SSH signature with the JDK. Supported: ssh-ed25519, ssh-rsa (with rsa-sha2-256/512 signatures;
 * SHA-1 "ssh-rsa" signatures are refused as OpenSSH does), ecdsa-sha2-nistp256/384/521.
 */
final class SshKeys {
    /** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow. */
    private static final byte[] ED25519_SPKI = HexFormat.of().parseHex("302a300506032b6570032100");

    private SshKeys() {
    }

    /** {@code SHA256:<base64>} of the key blob, as {@code ssh-keygen -l} shows it. */
    static String fingerprint(byte[] keyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String keyType(byte[] keyBlob) {
        return new SshWire(keyBlob).string();
    }

    /**
     * Whether {@code signatureBlob} (string algorithm, string signature) is a valid signature of
     * {@code data} by the key in {@code keyBlob}.
     *
     * @throws IllegalArgumentException when the key type or signature algorithm is not accepted
     */
    static boolean verify(byte[] keyBlob, byte[] signatureBlob, byte[] data) throws GeneralSecurityException {
        SshWire key = new SshWire(keyBlob);
        String keyType = key.string();
        SshWire sig = new SshWire(signatureBlob);
        String algorithm = sig.string();
        byte[] signature = sig.bytes();
        switch (keyType) {
            case "ssh-ed25519" -> {
                require(algorithm.equals("ssh-ed25519"), keyType, algorithm);
                byte[] raw = key.bytes();
                byte[] spki = Arrays.copyOf(ED25519_SPKI, ED25519_SPKI.length + raw.length);
                System.arraycopy(raw, 0, spki, ED25519_SPKI.length, raw.length);
                PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
                return check("Ed25519", publicKey, data, signature);
            }
            case "ssh-rsa" -> {
                String jca = switch (algorithm) {
                    case "rsa-sha2-512" -> "SHA512withRSA";
                    case "rsa-sha2-256" -> "SHA256withRSA";
                    case "ssh-rsa" -> throw new IllegalArgumentException("RSA signatures with SHA-1 (ssh-rsa) are not accepted");
                    default -> throw new IllegalArgumentException("signature algorithm " + algorithm + " does not fit an ssh-rsa key");
                };
                BigInteger e = key.mpint();
                BigInteger n = key.mpint();
                PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
                return check(jca, publicKey, data, signature);
            }
            case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> {
                require(algorithm.equals(keyType), keyType, algorithm);
                String curve = key.string();
                byte[] point = key.bytes();
                Ecdsa params = Ecdsa.of(curve);
                PublicKey publicKey = params.publicKey(point);
                SshWire rs = new SshWire(signature);
                byte[] p1363 = params.p1363(rs.mpint(), rs.mpint());
                return check(params.jcaAlgorithm(), publicKey, data, p1363);
            }
            default -> throw new IllegalArgumentException("SSH key type " + keyType
                    + " is not supported: sign with an ed25519, ecdsa or rsa key");
        }
    }

    private static void require(boolean fits, String keyType, String algorithm) {
        if (!fits) {
            throw new IllegalArgumentException("signature algorithm " + algorithm + " does not fit an " + keyType + " key");
        }
    }

    private static boolean check(String algorithm, PublicKey key, byte[] data, byte[] signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(key);
        verifier.update(data);
        try {
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false; // a malformed signature is simply not a valid one
        }
    }

    /** The NIST curves OpenSSH uses, with their hash and coordinate size. */
    private record Ecdsa(String jcaCurve, String jcaAlgorithm, int size) {
        static Ecdsa of(String sshCurve) {
            return switch (sshCurve) {
                case "nistp256" -> new Ecdsa("secp256r1", "SHA256withECDSAinP1363Format", 32);
                case "nistp384" -> new Ecdsa("secp384r1", "SHA384withECDSAinP1363Format", 48);
                case "nistp521" -> new Ecdsa("secp521r1", "SHA512withECDSAinP1363Format", 66);
                default -> throw new IllegalArgumentException("ECDSA curve " + sshCurve + " is not supported");
            };
        }

        PublicKey publicKey(byte[] point) throws GeneralSecurityException {
            if (point.length != 1 + 2 * size || point[0] != 4) {
                throw new IllegalArgumentException("ECDSA key point is not in uncompressed form");
            }
            BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + size));
            BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 1 + size, point.length));
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(jcaCurve));
            ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), spec));
        }

        byte[] p1363(BigInteger r, BigInteger s) {
            byte[] out = new byte[2 * size];
            put(r, out, 0);
            put(s, out, size);
            return out;
        }

        private void put(BigInteger value, byte[] out, int offset) {
            byte[] bytes = value.toByteArray();
            int start = bytes.length > size ? bytes.length - size : 0;
            int length = bytes.length - start;
            if (length > size) {
                throw new IllegalArgumentException("ECDSA signature value too large");
            }
            System.arraycopy(bytes, start, out, offset + size - length, length);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
