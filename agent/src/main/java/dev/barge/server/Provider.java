package dev.barge.server;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A git host's webhook dialect: how it proves it knows the secret, and how it names the event. Every
 * comparison is constant-time ({@link MessageDigest#isEqual}).
 */
enum Provider {
    /** {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>}; events in X-GitHub-Event. */
    GITHUB("github", "X-GitHub-Event") {
        @Override
        boolean verify(Headers headers, byte[] body, byte[] secret) {
            return matches(headers.first("X-Hub-Signature-256"), "sha256=" + hmacHex(secret, body));
        }
    },
    /** {@code X-Gitlab-Token: <the secret itself>}; events in X-Gitlab-Event ("Push Hook"). */
    GITLAB("gitlab", "X-Gitlab-Event") {
        @Override
        boolean verify(Headers headers, byte[] body, byte[] secret) {
            String token = headers.first("X-Gitlab-Token");
            return token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), secret);
        }

        @Override
        String event(Headers headers) {
            String e = super.event(headers);
            return e == null ? null : e.toLowerCase(Locale.ROOT).replace(" hook", "").replace(' ', '_');
        }
    },
    /** {@code X-Gitea-Signature: <hex HMAC-SHA256 of the body>}; Forgejo sends the same (and X-Forgejo-Signature). */
    GITEA("gitea", "X-Gitea-Event") {
        @Override
        boolean verify(Headers headers, byte[] body, byte[] secret) {
            String signature = headers.first("X-Gitea-Signature");
            if (signature == null) {
                signature = headers.first("X-Forgejo-Signature");
            }
            return matches(signature, hmacHex(secret, body));
        }

        @Override
        String event(Headers headers) {
            String e = super.event(headers);
            return e != null ? e : headers.first("X-Forgejo-Event");
        }
    },
    /** {@code X-Barge-Signature: sha256=<hex HMAC-SHA256 of the body>}, for scripts and CI; every request is a push. */
    GENERIC("generic", null) {
        @Override
        boolean verify(Headers headers, byte[] body, byte[] secret) {
            return matches(headers.first("X-Barge-Signature"), "sha256=" + hmacHex(secret, body));
        }

        @Override
        String event(Headers headers) {
            return "push";
        }
    };

    /** The header lookup the provider needs, case-insensitive. */
    interface Headers {
        String first(String name);
    }

    final String path;
    private final String eventHeader;

    Provider(String path, String eventHeader) {
        this.path = path;
        this.eventHeader = eventHeader;
    }

    abstract boolean verify(Headers headers, byte[] body, byte[] secret);

    /** The event's name, lower case ("push", "ping", "tag_push", ...), or null when the request has none. */
    String event(Headers headers) {
        String e = headers.first(eventHeader);
        return e == null ? null : e.strip().toLowerCase(Locale.ROOT);
    }

    static Optional<Provider> byPath(String path) {
        for (Provider p : values()) {
            if (p.path.equals(path)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Hex digests compare case-insensitively (hosts differ in case). */
    private static boolean matches(String given, String expected) {
        if (given == null) {
            return false;
        }
        byte[] a = given.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        byte[] b = expected.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(a, b);
    }

    static String hmacHex(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
