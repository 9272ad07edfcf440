package dev.barge.server;

import dev.barge.docker.ActualState.Container;
import dev.barge.reconcile.Agent;
import dev.barge.record.HistoryEntry;
import dev.barge.record.NodeState;
import dev.barge.view.NodeStatus;
import dev.barge.view.Printable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /}: the node at a glance for a person, server-rendered. One small inline stylesheet, no
 * script, no external asset (a VM may have no internet), readable on a phone, reloading itself every
 * {@link #REFRESH_SECONDS} s. Every value goes through {@link #h}: control characters escaped as in the
 * terminal views, then HTML-escaped, so that a commit message or label holding markup is shown as text.
 */
final class StatusPage {
    static final int REFRESH_SECONDS = 10;
    private static final String STYLE = """
            body{font:15px/1.4 system-ui,sans-serif;margin:0 auto;padding:.8em;max-width:64em;color:#222;background:#fafafa}
            h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.1em;margin:1.2em 0 .4em;border-bottom:1px solid #ccc}
            .chip{display:inline-block;background:#e8e8e8;border-radius:.8em;padding:0 .6em;margin:.1em;font-size:.85em}
            .ok{color:#176b2c}.bad{color:#a3141b}.warn{color:#8a5a00}.muted{color:#666}
            .banner{padding:.4em .7em;border-radius:.3em;margin:.5em 0;background:#eef6ee}.banner.bad{background:#fbeaea}
            .banner.warn{background:#fdf4e0}code{font:13px ui-monospace,monospace;word-break:break-all}
            table{border-collapse:collapse;width:100%;margin:.3em 0}th,td{text-align:left;padding:.25em .4em;
            border-bottom:1px solid #e2e2e2;vertical-align:top}th{font-weight:600;font-size:.85em;color:#555}
            .scroll{overflow-x:auto}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em .8em;margin:0}
            dt{color:#555}dd{margin:0;min-width:0}
            @media (max-width:600px){body{font-size:14px}.wide{display:none}}
            """;

    private StatusPage() {
    }

    static String render(NodeView.Snapshot s) {
        NodeStatus status = s.status();
        NodeState state = status.state();
        StringBuilder out = new StringBuilder(8192);
        out.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">")
                .append("<title>barge · ").append(h(status.node())).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n");
        out.append("<h1>barge · <span id=\"node\">").append(h(status.node())).append("</span></h1><div id=\"labels\">");
        s.labels().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.append("<span class=\"chip\">")
                .append(h(e.getKey())).append('=').append(h(e.getValue())).append("</span>"));
        out.append("</div>\n");
        banners(out, s);
        commits(out, s, state);
        agent(out, s);
        stacks(out, status, state);
        history(out, s.history());
        out.append("<p class=\"muted\">rendered ").append(h(time(s.at()))).append(", reloads every ")
                .append(REFRESH_SECONDS).append(" s · <a href=\"status\">JSON</a> · <a href=\"metrics\">metrics</a></p>\n")
                .append("</body></html>\n");
        return out.toString();
    }

    private static void banners(StringBuilder out, NodeView.Snapshot s) {
        NodeState state = s.status().state();
        out.append("<div id=\"state\">");
        if (s.lastFailure() != null) {
            out.append("<div class=\"banner bad\" id=\"failed\"><b>failed</b> at ").append(h(time(s.lastFailure().at())))
                    .append(": ").append(h(s.lastFailure().reason())).append("</div>");
        } else if (s.ready().ready()) {
            out.append("<div class=\"banner\" id=\"ready\"><b class=\"ok\">ready</b> ").append(h(s.ready().reason()))
                    .append("</div>");
        } else {
            out.append("<div class=\"banner bad\" id=\"not-ready\"><b>not ready</b> ").append(h(s.ready().reason()))
                    .append("</div>");
        }
        if (state.pin() != null) {
            out.append("<div class=\"banner warn\" id=\"pinned\"><b>pinned</b> to <code>")
                    .append(h(state.pin().commit())).append("</code> since ").append(h(time(state.pin().since())))
                    .append(": ").append(h(state.pin().reason())).append(" (barge resume follows the branch again)</div>");
        }
        if (s.status().suspended() != null) {
            out.append("<div class=\"banner warn\" id=\"suspended\"><b>suspended</b> ").append(h(s.status().suspended()))
                    .append(" (barge resume)</div>");
        }
        out.append("</div>\n");
    }

    private static void commits(StringBuilder out, NodeView.Snapshot s, NodeState state) {
        out.append("<h2>Commit</h2><dl>");
        out.append("<dt>applied</dt><dd><code id=\"applied-commit\">").append(h(state.appliedCommit())).append("</code>");
        if (s.applied() != null) {
            out.append("<br><span id=\"applied-message\">").append(h(s.applied().message()))
                    .append("</span> <span class=\"muted\" id=\"applied-author\">").append(h(s.applied().author()))
                    .append("</span>");
        }
        out.append("</dd><dt>applied at</dt><dd>").append(h(time(state.appliedAt()))).append("</dd>");
        Agent.Head head = s.head();
        out.append("<dt>branch head</dt><dd>");
        if (head == null) {
            out.append("<span class=\"muted\">not fetched yet</span>");
        } else {
            boolean current = head.commit().equals(state.appliedCommit());
            out.append("<code id=\"head-commit\">").append(h(head.commit())).append("</code> <span class=\"")
                    .append(current ? "ok\">applied" : "warn\">not applied").append("</span><br>")
                    .append(h(head.message())).append(" <span class=\"muted\">").append(h(head.author())).append("</span>");
        }
        out.append("</dd><dt>source</dt><dd>").append(h(source(s.status().remote()))).append("</dd>");
        if (!state.failedCommits().isEmpty()) {
            out.append("<dt>failed commits</dt><dd>");
            state.failedCommits().forEach((commit, f) -> out.append("<code>").append(h(short7(commit)))
                    .append("</code> ").append(h(f.reason())).append("<br>"));
            out.append("</dd>");
        }
        out.append("</dl>\n");
    }

    private static void agent(StringBuilder out, NodeView.Snapshot s) {
        out.append("<h2>Agent</h2><dl><dt>last poll</dt><dd>").append(h(time(s.agent().lastPoll())))
                .append("</dd><dt>result</dt><dd id=\"last-result\">").append(h(s.agent().lastResult()))
                .append("</dd><dt>next poll</dt><dd>").append(h(time(s.agent().nextPoll())))
                .append("</dd><dt>since</dt><dd>").append(h(time(s.agent().since()))).append(" (pid ")
                .append(s.agent().pid()).append(", ").append(s.agent().wakeups()).append(" wakeups)</dd></dl>\n");
    }

    private static void stacks(StringBuilder out, NodeStatus status, NodeState state) {
        out.append("<h2>Stacks</h2>");
        if (status.engine() instanceof NodeStatus.Engine.Unreachable u) {
            out.append("<p class=\"bad\">engine unreachable: ").append(h(u.message())).append("</p>\n");
            return;
        }
        List<Container> all = ((NodeStatus.Engine.Observed) status.engine()).actual().containers();
        if (all.isEmpty()) {
            out.append("<p class=\"muted\">no containers</p>\n");
        }
        NodeView.byStack(all).forEach((stack, containers) -> {
            out.append("<h3 class=\"stack\" data-stack=\"").append(h(stack)).append("\">").append(h(stack))
                    .append(" <span class=\"chip\">").append(h(NodeView.health(containers))).append("</span></h3>")
                    .append("<div class=\"scroll\"><table><tr><th>container</th><th>service</th><th>state</th>")
                    .append("<th>health</th><th>image</th><th class=\"wide\">digest</th></tr>");
            for (Container c : containers) {
                String health = c.health() == null ? "none" : c.health().name().toLowerCase(Locale.ROOT);
                String digest = state.digests().get(stack + "/" + c.service());
                out.append("<tr class=\"container-row\"><td class=\"container\">").append(h(c.name()))
                        .append("</td><td>").append(h(c.service())).append("</td><td class=\"")
                        .append(c.running() ? "ok" : "bad").append("\">").append(h(c.status().name().toLowerCase(Locale.ROOT)))
                        .append(c.restartCount() > 0 ? " (" + c.restartCount() + " restarts)" : "")
                        .append("</td><td class=\"health ").append(healthClass(c)).append("\">").append(h(health))
                        .append("</td><td><code>").append(h(c.imageRef())).append("</code></td><td class=\"wide\"><code>")
                        .append(h(digest != null ? digest : c.imageId())).append("</code></td></tr>");
            }
            out.append("</table></div>\n");
        });
    }

    private static void history(StringBuilder out, List<HistoryEntry> history) {
        out.append("<h2>History</h2><div class=\"scroll\"><table id=\"history\"><tr><th>time</th><th>trigger</th>")
                .append("<th>outcome</th><th>commit</th><th>what</th></tr>");
        for (HistoryEntry e : history) {
            out.append("<tr><td>").append(h(time(e.time()))).append("</td><td>").append(h(e.trigger().wire()))
                    .append("</td><td>").append(h(e.outcome().wire())).append("</td><td><code>")
                    .append(h(short7(e.commit()))).append("</code></td><td>").append(h(e.summary()));
            if (e.error() != null) {
                out.append("<br><span class=\"bad\">").append(h(e.error())).append("</span>");
            }
            out.append("</td></tr>");
        }
        out.append("</table></div>\n");
    }

    private static String healthClass(Container c) {
        if (c.health() == null) {
            return c.running() ? "ok" : "bad";
        }
        return switch (c.health()) {
            case HEALTHY -> "ok";
            case STARTING -> "warn";
            case UNHEALTHY -> "bad";
        };
    }

    private static String source(NodeStatus.Remote remote) {
        if (remote instanceof NodeStatus.Remote.Head head) {
            return head.source();
        }
        if (remote instanceof NodeStatus.Remote.Unreachable u) {
            return u.source() + " (" + u.message() + ")";
        }
        return "not configured";
    }

    private static String short7(String commit) {
        return commit == null || commit.length() <= 12 ? commit : commit.substring(0, 12);
    }

    private static String time(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A value for the page: control characters escaped, then HTML-escaped; null as a dash. */
    static String h(String value) {
        if (value == null) {
            return "—";
        }
        String printable = Printable.escape(value);
        StringBuilder out = new StringBuilder(printable.length() + 16);
        for (int i = 0; i < printable.length(); i++) {
            char c = printable.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
