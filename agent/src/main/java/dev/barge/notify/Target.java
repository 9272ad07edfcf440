package dev.barge.notify;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One receiver of {@code notify:}. Its URL is never logged whole: a Slack incoming-webhook URL is
 * itself a credential, so logs name the host ({@link #describe()}).
 *
 * @param key the webhook's HMAC key, or null to send unsigned (always null for Slack)
 */
record Target(Kind kind, URI url, byte[] key) {
    enum Kind { WEBHOOK, SLACK }

    Target {
        key = key == null ? null : Arrays.copyOf(key, key.length);
    }

    Request request(Event event) {
        byte[] body = kind == Kind.SLACK ? Payloads.slack(event) : Payloads.flux(event);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (key != null) {
            headers.put("X-Signature", Payloads.signature(key, body));
        }
        return new Request(url, body, headers);
    }

    String describe() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + url.getHost()
                + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Target t && kind == t.kind && url.equals(t.url) && Arrays.equals(key, t.key);
    }

    @Override
    public int hashCode() {
        return url.hashCode();
    }

    /** One POST, ready to send. */
    record Request(URI url, byte[] body, Map<String, String> headers) {
    }
}
