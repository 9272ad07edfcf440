package dev.barge.decrypt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.barge.BargeException;
import dev.barge.config.SecretReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The decrypt stage as config sees it: sops files decrypted with this node's age identities, in memory
 * only, MAC-verified before use. Decrypted documents are kept in a bounded cache keyed by the SHA-256 of
 * the encrypted bytes and the identities, so a poll whose secrets did not change decrypts nothing.
 * The store is chosen from the path's extension, as sops does.
 */
public final class SopsSecretReader implements SecretReader {
    public static final long DEFAULT_CACHE_ENTRIES = 256;

    private final List<AgeIdentity> identities;
    private final String identityFingerprint;
    private final Cache<CacheKey, PlainDocument> cache;
    private final AtomicLong decryptions = new AtomicLong();

    private record CacheKey(String contentSha256, SopsFormat format, String identities) {
    }

    public SopsSecretReader(List<AgeIdentity> identities) {
        this(identities, DEFAULT_CACHE_ENTRIES);
    }

    public SopsSecretReader(List<AgeIdentity> identities, long maxCachedFiles) {
        this.identities = List.copyOf(identities);
        this.identityFingerprint = sha256(this.identities.stream().map(AgeIdentity::recipient).sorted()
                .collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8));
        // maintenance on the calling thread: eviction is immediate and no pool thread ever holds plaintext
        this.cache = Caffeine.newBuilder().maximumSize(maxCachedFiles).executor(Runnable::run).build();
    }

    @Override
    public boolean isEncrypted(String path, byte[] content) {
        SopsFormat format = SopsFormat.ofPath(path);
        try {
            if (format == SopsFormat.DOTENV) {
                String text = new String(content, StandardCharsets.UTF_8);
                return text.startsWith("sops_mac=") || text.contains("\nsops_mac=")
                        || text.startsWith("sops_lastmodified=") || text.contains("\nsops_lastmodified=");
            }
            if (format == SopsFormat.BINARY && !looksLikeJsonObject(content)) {
                return false;
            }
            List<ObjectNode> documents = SopsStores.readEncrypted(path, content, format);
            JsonNode sops = documents.isEmpty() ? null : documents.get(0).get("sops");
            return sops != null && sops.isObject() && (sops.has("mac") || sops.has("lastmodified"));
        } catch (BargeException e) {
            return false; // not parseable in its format, so not a sops file either; config reports it as plain
        }
    }

    @Override
    public Map<String, String> variables(String path, byte[] content) {
        return Collections.unmodifiableMap(Flattener.variables(path, decrypted(path, content).documents()));
    }

    @Override
    public byte[] content(String path, byte[] content) {
        return decrypted(path, content).toBytes(path);
    }

    /** How many files were actually decrypted (cache misses that succeeded or failed); for tests and metrics. */
    public long decryptions() {
        return decryptions.get();
    }

    /** How many decrypted files the cache holds now (at most the configured bound). */
    public long cachedFiles() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** The age recipients of this node's identities, for status output and messages. */
    public List<String> recipients() {
        return identities.stream().map(AgeIdentity::recipient).toList();
    }

    private PlainDocument decrypted(String path, byte[] content) {
        SopsFormat format = SopsFormat.ofPath(path);
        CacheKey key = new CacheKey(sha256(content), format, identityFingerprint);
        return cache.get(key, k -> {
            decryptions.incrementAndGet();
            return SopsDecryptor.open(path, content, format, identities);
        });
    }

    private static boolean looksLikeJsonObject(byte[] content) {
        for (byte b : content) {
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "sops reader for " + String.join(", ", recipients());
    }
}
