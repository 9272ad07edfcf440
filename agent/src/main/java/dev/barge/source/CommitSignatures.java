package dev.barge.source;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Splits a raw commit object into the signature and the bytes it signs, as git does: the signed
 * payload is the commit with its {@code gpgsig} (and {@code gpgsig-sha256}) header removed.
 */
final class CommitSignatures {
    private static final String GPGSIG = "gpgsig";
    private static final String GPGSIG_SHA256 = "gpgsig-sha256";

    /** A signature in its armored text form and the exact bytes it covers. */
    record Signed(byte[] payload, String signature) {
        SignatureFormat format() {
            return SignatureFormat.of(signature);
        }
    }

    /** What kind of signature an armored block is; decides which verifier checks it. */
    enum SignatureFormat {
        SSH, GPG, X509, UNKNOWN;

        static SignatureFormat of(String armored) {
            String head = armored.stripLeading();
            if (head.startsWith("-----BEGIN SSH SIGNATURE-----")) {
                return SSH;
            }
            if (head.startsWith("-----BEGIN PGP SIGNATURE-----") || head.startsWith("-----BEGIN PGP MESSAGE-----")) {
                return GPG;
            }
            if (head.startsWith("-----BEGIN SIGNED MESSAGE-----")) {
                return X509;
            }
            return UNKNOWN;
        }
    }

    private CommitSignatures() {
    }

    /** The signature and payload of a raw commit, or empty when the commit is unsigned. */
    static Optional<Signed> split(byte[] rawCommit) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(rawCommit.length);
        StringBuilder signature = null;
        boolean inSignature = false;
        boolean capturing = false;
        boolean inHeaders = true;
        int pos = 0;
        while (pos < rawCommit.length) {
            int end = lineEnd(rawCommit, pos);
            if (!inHeaders) {
                payload.write(rawCommit, pos, rawCommit.length - pos);
                break;
            }
            int length = end - pos;
            if (length == 1) {
                inHeaders = false; // the blank line before the message
                inSignature = false;
                capturing = false;
                payload.write(rawCommit, pos, length);
            } else if (rawCommit[pos] == ' ') {
                if (capturing) {
                    signature.append(text(rawCommit, pos + 1, end));
                } else if (!inSignature) {
                    payload.write(rawCommit, pos, length);
                }
            } else if (isHeader(rawCommit, pos, GPGSIG)) {
                inSignature = true;
                capturing = signature == null;
                if (capturing) {
                    signature = new StringBuilder(text(rawCommit, pos + GPGSIG.length() + 1, end));
                }
            } else if (isHeader(rawCommit, pos, GPGSIG_SHA256)) {
                // a signature over the sha256 form of the commit: not the one a sha1 repository checks
                inSignature = true;
                capturing = false;
            } else {
                inSignature = false;
                capturing = false;
                payload.write(rawCommit, pos, length);
            }
            pos = end;
        }
        if (signature == null) {
            return Optional.empty();
        }
        return Optional.of(new Signed(payload.toByteArray(), signature.toString()));
    }

    /** Index just after the next '\n' (or the end). */
    private static int lineEnd(byte[] raw, int from) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i + 1;
            }
        }
        return raw.length;
    }

    private static boolean isHeader(byte[] raw, int pos, String name) {
        int n = name.length();
        if (pos + n >= raw.length || raw[pos + n] != ' ') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (raw[pos + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] raw, int from, int to) {
        return new String(raw, from, Math.max(0, to - from), StandardCharsets.UTF_8);
    }
}
