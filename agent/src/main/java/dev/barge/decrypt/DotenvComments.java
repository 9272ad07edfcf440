package dev.barge.decrypt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Keeps a dotenv file's {@code #} comment lines across encrypt and decrypt, where sops keeps them: a comment is
 * a top-level tree item, so it is encrypted like a value (type {@code comment}, AAD ":") unless the crypt rule
 * leaves the top level clear, and it is never in the MAC. The stores drop comments; this puts them back, in
 * place, around the KEY=VALUE lines the store wrote in the same key order.
 */
final class DotenvComments {
    static final String TOP_LEVEL_AAD = TreeWalk.aad(List.of());

    private DotenvComments() {
    }

    /** {@code written} with the comments of {@code plaintext} put back, each encrypted when {@code rule} encrypts the top level. */
    static byte[] encrypted(byte[] plaintext, byte[] written, CryptRule rule, byte[] dataKey) {
        boolean encrypt = rule.encrypts(List.of());
        return merge(plaintext, written, comment -> encrypt
                ? ValueCipher.encrypt(comment.getBytes(StandardCharsets.UTF_8), "comment", dataKey, TOP_LEVEL_AAD) : comment);
    }

    /** {@code written} (the decrypted pairs) with the comments of {@code encrypted} put back; one that does not decrypt stays as it is, as in sops. */
    static byte[] decrypted(byte[] encrypted, byte[] written, byte[] dataKey) {
        return merge(encrypted, written, comment -> {
            if (!comment.startsWith("ENC[")) {
                return comment;
            }
            try {
                return new String(ValueCipher.decrypt(comment, dataKey, TOP_LEVEL_AAD).plaintext, StandardCharsets.UTF_8);
            } catch (GeneralSecurityException | RuntimeException e) {
                return comment;
            }
        });
    }

    /** {@code written} (the same file with new metadata) with the comments of {@code original} as they were. */
    static byte[] kept(byte[] original, byte[] written) {
        return merge(original, written, UnaryOperator.identity());
    }

    private static byte[] merge(byte[] source, byte[] written, UnaryOperator<String> comment) {
        List<byte[]> pairs = new ArrayList<>();
        List<byte[]> metadata = new ArrayList<>();
        for (byte[] line : lines(written)) {
            if (line.length > 0) {
                (startsWith(line, DotenvStore.METADATA_PREFIX) ? metadata : pairs).add(line);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Iterator<byte[]> next = pairs.iterator();
        for (byte[] line : lines(source)) {
            if (line.length > 0 && line[0] == '#') {
                writeLine(out, ("#" + comment.apply(new String(line, 1, line.length - 1, StandardCharsets.UTF_8)))
                        .getBytes(StandardCharsets.UTF_8));
            } else if (line.length > 0 && !startsWith(line, DotenvStore.METADATA_PREFIX) && next.hasNext()) {
                writeLine(out, next.next());
            }
        }
        next.forEachRemaining(line -> writeLine(out, line));
        metadata.forEach(line -> writeLine(out, line));
        return out.toByteArray();
    }

    private static List<byte[]> lines(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                lines.add(Arrays.copyOfRange(bytes, start, i));
                start = i + 1;
            }
        }
        return lines;
    }

    private static boolean startsWith(byte[] line, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        return line.length >= p.length && Arrays.equals(line, 0, p.length, p, 0, p.length);
    }

    private static void writeLine(ByteArrayOutputStream out, byte[] line) {
        out.writeBytes(line);
        out.write('\n');
    }
}
