package dev.barge.server;

import dev.barge.SecretFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The bearer token ({@code server.token_file}) every endpoint but {@code /healthz} and the webhooks
 * asks for when the listener is reachable from other hosts. Compared in constant time, as digests, so
 * that neither its content nor its length leaks through timing.
 */
public final class ApiToken {
    private static final SecretFile FILE = new SecretFile("API token", "server.token_file", "token",
            " and send it as Authorization: Bearer <token>");
    private final byte[] digest;

    private ApiToken(String token) {
        this.digest = sha256(token);
    }

    public static ApiToken read(Path file, Function<byte[], Optional<Map<String, String>>> sops) {
        return new ApiToken(FILE.read(file, sops));
    }

    /** For tests. */
    static ApiToken of(String token) {
        return new ApiToken(token);
    }

    /** True when the Authorization header is {@code Bearer <this token>}. */
    boolean admits(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(7).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "(sensitive)";
    }
}
