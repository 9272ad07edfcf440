package dev.barge.decrypt;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.armor.ArmoredDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.armor.ArmoredEncryptingChannelFactory;
import com.exceptionfactory.jagged.x25519.X25519KeyFactory;
import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/** age X25519 through jagged: armored files that wrap sops data keys, identities and recipients. */
final class AgeKeys {
    /** "age1" + bech32 of a 32-byte Curve25519 point and its checksum; pq and plugin recipients differ. */
    private static final Pattern X25519_RECIPIENT = Pattern.compile("^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$");
    static final String SECRET_KEY_PREFIX = "AGE-SECRET-KEY-1";

    private AgeKeys() {
    }

    static boolean isX25519Recipient(String recipient) {
        return X25519_RECIPIENT.matcher(recipient).matches();
    }

    static boolean isPostQuantumRecipient(String recipient) {
        return recipient.startsWith("age1pq1");
    }

    /** The payload of an armored age file, for an identity that is one of its recipients. */
    static byte[] decrypt(String armored, AgeIdentity identity) throws GeneralSecurityException, IOException {
        RecipientStanzaReader reader = X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(identity.secretKey());
        byte[] bytes = (armored.strip() + "\n").getBytes(StandardCharsets.US_ASCII);
        ReadableByteChannel source = Channels.newChannel(new ByteArrayInputStream(bytes));
        try (InputStream plain = Channels.newInputStream(
                new ArmoredDecryptingChannelFactory().newDecryptingChannel(source, List.of(reader)))) {
            return plain.readAllBytes();
        }
    }

    /** An armored age file of {@code payload} for one X25519 recipient, as sops writes into {@code enc}. */
    static String encrypt(byte[] payload, String recipient) throws GeneralSecurityException {
        RecipientStanzaWriter writer = X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(recipient);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WritableByteChannel channel = new ArmoredEncryptingChannelFactory()
                .newEncryptingChannel(Channels.newChannel(out), List.of(writer))) {
            channel.write(ByteBuffer.wrap(payload));
        } catch (IOException e) {
            throw new GeneralSecurityException("age encryption failed", e);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** Checks that a recipient is a usable X25519 recipient (valid bech32 and point). */
    static void checkRecipient(String recipient) throws GeneralSecurityException {
        X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(recipient);
    }

    /** The age1… recipient of an AGE-SECRET-KEY-1… identity. */
    static String recipientOf(String secretKey) throws GeneralSecurityException {
        Key publicKey = new X25519KeyFactory().translateKey(
                new SecretKeySpec(secretKey.getBytes(StandardCharsets.US_ASCII), "X25519"));
        return new String(publicKey.getEncoded(), StandardCharsets.US_ASCII);
    }

    /** A new identity: {secret key, recipient}. */
    static String[] generate() throws GeneralSecurityException {
        KeyPair pair = new X25519KeyPairGenerator().generateKeyPair();
        return new String[] {
            new String(pair.getPrivate().getEncoded(), StandardCharsets.US_ASCII),
            new String(pair.getPublic().getEncoded(), StandardCharsets.US_ASCII)
        };
    }
}
