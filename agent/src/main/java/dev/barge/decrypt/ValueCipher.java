package dev.barge.decrypt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * sops's value cipher ({@code aes/cipher.go}): AES-256-GCM with a 32-byte IV and a 16-byte tag, the
 * key path as additional data, written as {@code ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]}.
 */
final class ValueCipher {
    private static final Pattern ENC = Pattern.compile("^ENC\\[AES256_GCM,data:(.*),iv:(.+),tag:(.+),type:(.+)\\]");
    private static final int IV_BYTES = 32;
    private static final int TAG_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ValueCipher() {
    }

    /** A decrypted value: its plaintext bytes and sops's {@code type} (str, int, float, bool, …). */
    static final class Opened {
        final byte[] plaintext;
        final String type;

        Opened(byte[] plaintext, String type) {
            this.plaintext = plaintext;
            this.type = type;
        }

        @Override
        public String toString() {
            return "(sensitive " + type + ")";
        }
    }

    static String encrypt(byte[] plaintext, String type, byte[] dataKey, String aad) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BYTES * 8, iv));
            cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            Base64.Encoder b64 = Base64.getEncoder();
            return "ENC[AES256_GCM,data:" + b64.encodeToString(Arrays.copyOf(sealed, sealed.length - TAG_BYTES))
                    + ",iv:" + b64.encodeToString(iv)
                    + ",tag:" + b64.encodeToString(Arrays.copyOfRange(sealed, sealed.length - TAG_BYTES, sealed.length))
                    + ",type:" + type + "]";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
        }
    }

    /** Decrypts and authenticates; any malformed or altered value fails with a GeneralSecurityException. */
    static Opened decrypt(String value, byte[] dataKey, String aad) throws GeneralSecurityException {
        Matcher m = ENC.matcher(value);
        if (!m.find()) {
            throw new GeneralSecurityException("not in sops's ENC[AES256_GCM,...] format");
        }
        byte[] data;
        byte[] iv;
        byte[] tag;
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            data = b64.decode(m.group(1));
            iv = b64.decode(m.group(2));
            tag = b64.decode(m.group(3));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("bad base64 in an encrypted value");
        }
        if (iv.length == 0 || tag.length != TAG_BYTES) {
            throw new GeneralSecurityException("bad IV or tag length in an encrypted value");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BYTES * 8, iv));
        cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = Arrays.copyOf(data, data.length + TAG_BYTES);
        System.arraycopy(tag, 0, sealed, data.length, TAG_BYTES);
        return new Opened(cipher.doFinal(sealed), m.group(4));
    }
}
