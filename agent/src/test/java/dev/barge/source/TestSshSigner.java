package dev.barge.source;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/**
 * Makes OpenSSH SSHSIG signatures (PROTOCOL.sshsig) with an Ed25519 key in plain Java, the way
 * {@code ssh-keygen -Y sign} does, so the unit tests need no ssh binaries. The ITs use real git.
 */
final class TestSshSigner {
    private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);

    private final KeyPair keys;

    TestSshSigner() {
        try {
            this.keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code ssh-ed25519 AAAA...} form used in allowed_signers and authorized_keys. */
    String publicKey() {
        return "ssh-ed25519 " + Base64.getEncoder().encodeToString(publicBlob());
    }

    String sign(byte[] message) {
        return sign(message, "git");
    }

    String sign(byte[] message, String namespace) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-512").digest(message);
            ByteArrayOutputStream toSign = new ByteArrayOutputStream();
            DataOutputStream s = new DataOutputStream(toSign);
            s.write(MAGIC);
            string(s, namespace.getBytes(StandardCharsets.US_ASCII));
            string(s, new byte[0]);
            string(s, "sha512".getBytes(StandardCharsets.US_ASCII));
            string(s, hash);
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(toSign.toByteArray());
            byte[] raw = signer.sign();

            ByteArrayOutputStream sigBlob = new ByteArrayOutputStream();
            DataOutputStream b = new DataOutputStream(sigBlob);
            string(b, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
            string(b, raw);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DataOutputStream o = new DataOutputStream(out);
            o.write(MAGIC);
            o.writeInt(1);
            string(o, publicBlob());
            string(o, namespace.getBytes(StandardCharsets.US_ASCII));
            string(o, new byte[0]);
            string(o, "sha512".getBytes(StandardCharsets.US_ASCII));
            string(o, sigBlob.toByteArray());
            String body = Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(out.toByteArray());
            return "-----BEGIN SSH SIGNATURE-----\n" + body + "\n-----END SSH SIGNATURE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] publicBlob() {
        byte[] x509 = keys.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DataOutputStream o = new DataOutputStream(out);
            string(o, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
            string(o, raw);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void string(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }
}
