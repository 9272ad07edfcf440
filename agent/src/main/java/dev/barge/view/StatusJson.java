package dev.barge.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.barge.docker.ActualState.Container;
import dev.barge.record.NodeState;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The versioned JSON forms of {@code barge status} and {@code barge status --image}. */
final class StatusJson {

    private StatusJson() {
    }

    static String status(NodeStatus status) {
        NodeState s = status.state();
        ObjectNode root = JsonText.NODES.objectNode();
        root.put("format_version", StatusView.FORMAT_VERSION);
        root.put("node", status.node());
        ObjectNode applied = root.putObject("applied");
        applied.put("commit", s.appliedCommit());
        applied.put("at", JsonText.time(s.appliedAt()));
        applied.set("digests", JsonText.sorted(s.digests()));
        applied.set("spec_hashes", JsonText.sorted(s.specHashes()));
        if (s.lastAttempt() == null) {
            root.putNull("last_attempt");
        } else {
            ObjectNode a = root.putObject("last_attempt");
            a.put("commit", s.lastAttempt().commit());
            a.put("at", JsonText.time(s.lastAttempt().at()));
            a.put("succeeded", s.lastAttempt().succeeded());
            a.put("error", s.lastAttempt().error());
        }
        if (s.pin() == null) {
            root.putNull("pin");
        } else {
            ObjectNode p = root.putObject("pin");
            p.put("commit", s.pin().commit());
            p.put("since", JsonText.time(s.pin().since()));
            p.put("reason", s.pin().reason());
        }
        // commit → why it failed; the desired-state hash is the agent's business
        root.set("failed_commits", JsonText.sorted(s.failedCommits().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().reason()))));
        root.set("remote", remote(status.remote(), s));
        if (status.agent() == null) {
            root.putNull("agent");
        } else {
            ObjectNode a = root.putObject("agent");
            a.put("pid", status.agent().pid());
            a.put("since", JsonText.time(status.agent().since()));
            a.put("listen", status.agent().listen());
            a.put("last_poll", JsonText.time(status.agent().lastPoll()));
            a.put("last_result", status.agent().lastResult());
            a.put("next_poll", JsonText.time(status.agent().nextPoll()));
        }
        root.put("suspended", status.suspended());
        ObjectNode engine = root.putObject("engine");
        ArrayNode stacks = JsonText.NODES.arrayNode();
        if (status.engine() instanceof NodeStatus.Engine.Observed observed) {
            engine.put("reachable", true);
            engine.putNull("error");
            StatusView.byStack(observed.actual().containers()).forEach((name, containers) -> {
                ObjectNode stack = stacks.addObject();
                stack.put("name", name.equals(StatusView.NO_STACK) ? null : name);
                ArrayNode list = stack.putArray("containers");
                containers.forEach(c -> list.add(container(c, s)));
            });
        } else {
            engine.put("reachable", false);
            engine.put("error", ((NodeStatus.Engine.Unreachable) status.engine()).message());
        }
        root.set("stacks", stacks);
        return JsonText.write(root);
    }

    static String imageUsage(String node, ImageQuery query, List<ImageUsage> uses) {
        ObjectNode root = JsonText.NODES.objectNode();
        root.put("format_version", StatusView.FORMAT_VERSION);
        root.put("node", node);
        root.put("image", query.text());
        ArrayNode list = root.putArray("used_by");
        for (ImageUsage u : uses) {
            ObjectNode o = list.addObject();
            o.put("stack", u.stack());
            o.put("service", u.service());
            Container c = u.container();
            o.put("container", c == null ? null : c.name());
            o.put("status", c == null ? null : lower(c.status()));
            o.put("image_ref", c == null ? null : c.imageRef());
            o.put("image_id", c == null ? null : c.imageId());
            o.put("recorded_digest", u.recordedDigest());
        }
        return JsonText.write(root);
    }

    private static ObjectNode remote(NodeStatus.Remote remote, NodeState s) {
        ObjectNode o = JsonText.NODES.objectNode();
        if (remote instanceof NodeStatus.Remote.Head h) {
            o.put("state", "reachable");
            o.put("source", h.source());
            o.put("head", h.commit());
            o.put("applied", h.commit().equals(s.appliedCommit()));
            o.putNull("error");
        } else if (remote instanceof NodeStatus.Remote.Unreachable u) {
            o.put("state", "unreachable");
            o.put("source", u.source());
            o.putNull("head");
            o.put("applied", false);
            o.put("error", u.message());
        } else {
            o.put("state", "not_configured");
            o.putNull("source");
            o.putNull("head");
            o.put("applied", false);
            o.putNull("error");
        }
        return o;
    }

    private static ObjectNode container(Container c, NodeState s) {
        ObjectNode o = JsonText.NODES.objectNode();
        o.put("name", c.name());
        o.put("id", c.id());
        o.put("service", c.service());
        o.put("deployment", c.deployment());
        o.put("status", lower(c.status()));
        if (c.exitCode() == null) {
            o.putNull("exit_code");
        } else {
            o.put("exit_code", c.exitCode());
        }
        o.put("health", c.health() == null ? null : lower(c.health()));
        o.put("restart_count", c.restartCount());
        o.put("image_ref", c.imageRef());
        o.put("image_id", c.imageId());
        o.put("spec_hash", c.specHash());
        o.put("applied_spec_hash", s.specHashes().get(c.name()));
        o.put("commit", c.commit());
        return o;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
