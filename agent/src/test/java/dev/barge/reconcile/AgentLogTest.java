package dev.barge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.barge.Failure;
import dev.barge.plan.Plan;
import dev.barge.record.Trigger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentLogTest {
    private final StringWriter out = new StringWriter();
    private final FakeClock clock = new FakeClock();

    private AgentLog log(AgentLog.Format format, boolean journal, OutageListener listener) {
        return new AgentLog(new PrintWriter(out, true), clock, format, journal, listener);
    }

    @Test
    void textLinesStartWithTheTimeButNotUnderSystemdWhereTheyCarryThePriority() {
        log(AgentLog.Format.TEXT, false, OutageListener.NONE).line("started");
        log(AgentLog.Format.TEXT, true, OutageListener.NONE).line("started");
        log(AgentLog.Format.TEXT, true, OutageListener.NONE).warn("engine unavailable");
        assertThat(out.toString().lines()).containsExactly("2026-01-01T00:00:00Z started", "<6>started",
                "<4>engine unavailable");
    }

    @Test
    void journalIsToldByJournalStream() {
        assertThat(AgentLog.underJournal(Map.of("JOURNAL_STREAM", "8:12345"))).isTrue();
        assertThat(AgentLog.underJournal(Map.of("INVOCATION_ID", "x"))).isFalse();
        assertThat(AgentLog.underJournal(Map.of("JOURNAL_STREAM", ""))).isFalse();
    }

    @Test
    void controlCharactersAreEscapedSoEveryEventIsOneLineInBothFormats() throws Exception {
        String evil = "commit\nfake line\u001b[31mred\u202eevil\r";
        log(AgentLog.Format.TEXT, true, OutageListener.NONE).line(evil);
        log(AgentLog.Format.JSON, false, OutageListener.NONE).write(AgentLog.Level.INFO, evil, Map.of("commit", evil));
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("<6>commit\\nfake line\\x1b[31mred\\u202eevil\\r");
        assertThat(lines).allMatch(l -> l.chars().noneMatch(c -> c < 0x20 || c == 0x202e));
        JsonNode json = new ObjectMapper().readTree(lines.get(1));
        assertThat(json.path("message").asText()).isEqualTo("commit\\nfake line\\x1b[31mred\\u202eevil\\r");
        assertThat(json.path("commit").asText()).isEqualTo(json.path("message").asText());
    }

    @Test
    void jsonSummaryOfAReconcileHasTriggerCommitOutcomeChangesAndDuration() throws Exception {
        Outcome failed = new Outcome.Failed(Trigger.WEBHOOK, "0123456789abcdef0123456789abcdef01234567",
                new Plan.Summary(1, 2, 0, 0, 3, 0), "shop: web failed its health gate", Failure.FAILED, null, null, null,
                Duration.ofMillis(2500));
        log(AgentLog.Format.JSON, false, OutageListener.NONE).summary(failed);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("time").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(json.path("level").asText()).isEqualTo("error");
        assertThat(json.path("message").asText())
                .isEqualTo("failed to apply 0123456789ab (webhook): shop: web failed its health gate in 2.5s");
        assertThat(json.path("event").asText()).isEqualTo("reconcile");
        assertThat(json.path("trigger").asText()).isEqualTo("webhook");
        assertThat(json.path("commit").asText()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(json.path("outcome").asText()).isEqualTo("failed");
        assertThat(json.path("created").asInt()).isEqualTo(1);
        assertThat(json.path("replaced").asInt()).isEqualTo(2);
        assertThat(json.path("duration_ms").asLong()).isEqualTo(2500);
    }

    @Test
    void everyAttemptReachesTheListenerButTheLogTellsAnOutageOnceAtEachEnd() {
        List<String> seen = new ArrayList<>();
        AgentLog log = log(AgentLog.Format.TEXT, false, new OutageListener() {
            @Override
            public void unavailable(String what, String message) {
                seen.add("down " + what);
            }

            @Override
            public void available(String what) {
                seen.add("up " + what);
            }
        });
        log.outage("git remote", "refused");
        log.outage("git remote", "refused");
        log.recovered("git remote");
        log.recovered("git remote");
        assertThat(seen).containsExactly("down git remote", "down git remote", "up git remote");
        assertThat(out.toString().lines()).hasSize(2);
    }
}
