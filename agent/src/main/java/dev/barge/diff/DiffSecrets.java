package dev.barge.diff;

import dev.barge.config.SecretReader;
import dev.barge.decrypt.AgeIdentity;
import dev.barge.decrypt.BestEffortSecretReader;
import dev.barge.decrypt.SopsSecretReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Secrets for a diff: a file the identities open is decrypted (and MAC-verified), so the keyed hash tells a
 * changed value from an unchanged one. A file no identity here opens (a pull-request CI has none) gives each
 * of its keys a stand-in made from the file's SHA-256: equal while the file is unchanged, different once it
 * changes, so every attribute it feeds shows as possibly changed. A stand-in holds no secret: the
 * ciphertext it is hashed from is in git already.
 */
public final class DiffSecrets implements SecretReader {
    private final BestEffortSecretReader reader;

    public DiffSecrets(List<AgeIdentity> identities) {
        this.reader = new BestEffortSecretReader(new SopsSecretReader(identities));
    }

    /** True once a file was compared by its fingerprint rather than its values. */
    public boolean comparedByFile() {
        return !reader.unopened().isEmpty();
    }

    @Override
    public boolean isEncrypted(String path, byte[] content) {
        return reader.isEncrypted(path, content);
    }

    @Override
    public Map<String, String> variables(String path, byte[] content) {
        Map<String, String> values = reader.variables(path, content);
        if (!reader.unopened().contains(path)) {
            return values;
        }
        String standIn = standIn(content);
        Map<String, String> standIns = new LinkedHashMap<>();
        values.keySet().forEach(k -> standIns.put(k, standIn));
        return standIns;
    }

    @Override
    public byte[] content(String path, byte[] content) {
        byte[] plain = reader.content(path, content);
        return reader.unopened().contains(path) ? standIn(content).getBytes(StandardCharsets.UTF_8) : plain;
    }

    private static String standIn(byte[] content) {
        try {
            return "(sensitive file " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)) + ")";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
