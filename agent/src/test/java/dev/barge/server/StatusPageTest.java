package dev.barge.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.record.NodeState;
import org.junit.jupiter.api.Test;

/** The HTML page: what a person must see, escaped, self-contained, refreshing. */
class StatusPageTest {

    @Test
    void showsNodeCommitStacksAndHistory() {
        String html = StatusPage.render(PageSamples.snapshot(PageSamples.state(null), null, null));
        assertThat(html).startsWith("<!doctype html>")
                .contains("<meta http-equiv=\"refresh\" content=\"10\">")
                .contains("<meta name=\"viewport\"")
                .contains("<span id=\"node\">vm-&lt;b&gt;1&lt;/b&gt;</span>")
                .contains("<span class=\"chip\">role=web</span>")
                .contains("<code id=\"applied-commit\">" + PageSamples.APPLIED + "</code>")
                .contains("Ann &lt;ann@example.org&gt;")
                .contains("<code id=\"head-commit\">" + PageSamples.HEAD + "</code>")
                .contains("<td class=\"container\">shop-web-1</td>")
                .contains("<td class=\"health ok\">healthy</td>")
                .contains("<td class=\"health bad\">unhealthy</td>")
                .contains("<td class=\"health ok\">none</td>")
                .contains("busybox@sha256:" + "c3".repeat(32))
                .contains("id=\"ready\"")
                .doesNotContain("id=\"pinned\"").doesNotContain("id=\"suspended\"");
        assertThat(html.split("<tr><td>2026-").length - 1).isEqualTo(NodeView.HISTORY);
    }

    @Test
    void aScriptFromTheRepoIsShownAsTextNeverAsMarkup() {
        String html = StatusPage.render(PageSamples.snapshot(PageSamples.state(null), null, null));
        assertThat(html).doesNotContain("<script").doesNotContain("<b>1</b>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;")
                // control characters are escaped as in the terminal views before the HTML escaping
                .contains("a\\x1b[31mred").doesNotContain("\u001b");
    }

    @Test
    void hasNoExternalAssetOrScript() {
        String html = StatusPage.render(PageSamples.snapshot(PageSamples.state(null), null, null));
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("src=")
                .doesNotContain("<link").doesNotContain("@import").contains("<style>");
    }

    @Test
    void failedPinnedAndSuspendedAreShown() {
        NodeState pinned = PageSamples.state(new NodeState.Pin(PageSamples.APPLIED, PageSamples.T0, "rollback by cli"));
        String html = StatusPage.render(PageSamples.snapshot(pinned,
                new Readiness.LastFailure(PageSamples.T0, PageSamples.HEAD, "failed to apply 9d8c7b6 (poll): shop: <gate>"),
                "by ops at 2026-11-29T10:00:00Z"));
        assertThat(html).contains("id=\"failed\"").contains("shop: &lt;gate&gt;")
                .contains("id=\"pinned\"").contains("rollback by cli")
                .contains("id=\"suspended\"").contains("by ops at");
    }

    @Test
    void escapingCoversEveryMarkupCharacterAndNull() {
        assertThat(StatusPage.h("<a href='x'>&\"</a>")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
        assertThat(StatusPage.h(null)).isEqualTo("—");
        assertThat(StatusPage.h("tab\there")).doesNotContain("\t");
    }
}
