package dev.barge.source;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * An OpenSSH signature in the SSHSIG format (OpenSSH PROTOCOL.sshsig), as {@code git commit -S} with
 * {@code gpg.format=ssh} writes it into the gpgsig header.
 */
record SshSignature(byte[] publicKey, String namespace, String hashAlgorithm, byte[] signature) {
    private static final String BEGIN = "-----BEGIN SSH SIGNATURE-----";
    private static final String END = "-----END SSH SIGNATURE-----";
    private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);

    /** @throws IllegalArgumentException when the text is not an armored SSHSIG version 1 */
    static SshSignature parse(String armored) {
        String text = armored.strip();
        if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
            throw new IllegalArgumentException("not an armored SSH signature");
        }
        byte[] blob = Base64.getMimeDecoder().decode(text.substring(BEGIN.length(), text.length() - END.length()));
        SshWire wire = new SshWire(blob);
        if (!Arrays.equals(wire.raw(MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("SSH signature does not start with SSHSIG");
        }
        int version = wire.uint32();
        if (version != 1) {
            throw new IllegalArgumentException("SSH signature version " + version + " is not supported");
        }
        byte[] publicKey = wire.bytes();
        String namespace = wire.string();
        wire.bytes(); // reserved
        String hash = wire.string();
        byte[] signature = wire.bytes();
        if (!wire.atEnd()) {
            throw new IllegalArgumentException("SSH signature has trailing data");
        }
        return new SshSignature(publicKey, namespace, hash, signature);
    }

    /** Whether this is a valid signature of {@code message} by {@link #publicKey()} (trust is checked elsewhere). */
    boolean verifies(byte[] message) throws GeneralSecurityException {
        String digest = switch (hashAlgorithm) {
            case "sha512" -> "SHA-512";
            case "sha256" -> "SHA-256";
            default -> throw new IllegalArgumentException("SSH signature hash " + hashAlgorithm + " is not supported");
        };
        byte[] hash = MessageDigest.getInstance(digest).digest(message);
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(signed)) {
            out.write(MAGIC);
            string(out, namespace.getBytes(StandardCharsets.UTF_8));
            string(out, new byte[0]);
            string(out, hashAlgorithm.getBytes(StandardCharsets.US_ASCII));
            string(out, hash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SshKeys.verify(publicKey, signature, signed.toByteArray());
    }

    private static void string(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }
}
