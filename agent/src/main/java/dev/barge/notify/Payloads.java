package dev.barge.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The bodies receivers expect: Flux's event for a generic webhook, an incoming-webhook message for Slack. */
final class Payloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {
    }

    /**
     * Shaped like a Flux notification-controller event: {@code involvedObject} is the stack (in the node's
     * namespace) when the event concerns one stack, else the node.
     */
    static byte[] flux(Event event) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode object = root.putObject("involvedObject");
        if (event.stacks().size() == 1) {
            object.put("kind", "Stack").put("namespace", event.node()).put("name", event.stacks().get(0));
        } else {
            object.put("kind", "Node").put("name", event.node());
        }
        root.put("severity", event.reason().severity());
        root.put("timestamp", event.time().toString());
        root.put("message", event.message());
        root.put("reason", event.reason().wire());
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("node", event.node());
        if (event.commit() != null) {
            metadata.put("commit", event.commit());
        }
        if (!event.stacks().isEmpty()) {
            metadata.put("stacks", String.join(",", event.stacks()));
        }
        if (event.trigger() != null) {
            metadata.put("trigger", event.trigger());
        }
        root.put("reportingController", "barge-agent");
        root.put("reportingInstance", event.node());
        return bytes(root);
    }

    /** An attachment coloured good or danger with the fields node, stack, commit and reason. */
    static byte[] slack(Event event) {
        ObjectNode root = JSON.createObjectNode();
        String title = event.reason().wire() + " on " + event.node();
        root.put("text", slackText(title));
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("color", event.reason().isError() ? "danger" : "good");
        attachment.put("fallback", slackText(title + ": " + event.message()));
        attachment.put("text", slackText(event.message()));
        ArrayNode fields = attachment.putArray("fields");
        field(fields, "node", event.node());
        field(fields, "stack", event.stacks().isEmpty() ? "(all)" : String.join(", ", event.stacks()));
        field(fields, "commit", event.commit() == null ? "(none)"
                : event.commit().length() > 12 && !event.commit().startsWith("local:") ? event.commit().substring(0, 12)
                : event.commit());
        field(fields, "reason", event.reason().wire());
        attachment.put("ts", event.time().getEpochSecond());
        return bytes(root);
    }

    /** {@code sha256=<hex HMAC-SHA256 of the body>}, as GitHub signs its webhooks. */
    static String signature(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static void field(ArrayNode fields, String title, String value) {
        fields.addObject().put("title", title).put("value", slackText(value)).put("short", true);
    }

    /** Slack, Mattermost and Rocket.Chat read &, < and > as markup: a commit message must not make a link. */
    private static String slackText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static byte[] bytes(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an event of strings did not serialize", e);
        }
    }
}
