package dev.barge.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.barge.view.StatusView;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code GET /status}: {@code barge status --json} (same format and version, schema/status.schema.json)
 * with the agent's own state added to its {@code agent} object: whether it is ready and why, suspended,
 * pinned, its last failure, and the branch head's message and author.
 */
final class StatusDocument {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatusDocument() {
    }

    static String render(NodeView.Snapshot s) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(StatusView.json(s.status()));
            ObjectNode agent = (ObjectNode) root.get("agent");
            agent.put("wakeups", s.agent().wakeups());
            agent.put("ready", s.ready().ready());
            agent.put("ready_reason", s.ready().reason());
            agent.put("suspended", s.status().suspended() != null);
            agent.put("pinned", s.pinned());
            if (s.lastFailure() == null) {
                agent.putNull("last_failure");
            } else {
                ObjectNode f = agent.putObject("last_failure");
                f.put("at", s.lastFailure().at().toString());
                f.put("commit", s.lastFailure().commit());
                f.put("reason", s.lastFailure().reason());
            }
            if (s.head() == null) {
                agent.putNull("head");
            } else {
                ObjectNode head = agent.putObject("head");
                head.put("commit", s.head().commit());
                head.put("message", s.head().message());
                head.put("author", s.head().author());
                head.put("time", s.head().time().toString());
            }
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("the status view is not JSON", e);
        }
    }
}
