package dev.barge.config.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * File bytes held in memory (a compose config, or a decrypted secret that must never touch the disk).
 * Equality is by content; {@link #toString()} never shows the bytes.
 */
public final class FileContent {
    private final byte[] bytes;
    private final boolean sensitive;

    public FileContent(byte[] bytes, boolean sensitive) {
        this.bytes = bytes.clone();
        this.sensitive = sensitive;
    }

    public static FileContent plain(String text) {
        return new FileContent(text.getBytes(StandardCharsets.UTF_8), false);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    public boolean sensitive() {
        return sensitive;
    }

    /** SHA-256 of the content, hex; callers that hash a sensitive content should key it instead. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileContent other && sensitive == other.sensitive && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 31 + Boolean.hashCode(sensitive);
    }

    @Override
    public String toString() {
        return sensitive ? "(sensitive, " + bytes.length + " bytes)" : "(" + bytes.length + " bytes)";
    }
}
