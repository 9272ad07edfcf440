package dev.barge.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckupViewTest {
    private static final Checkup BROKEN = new Checkup(List.of(
            new Finding("config", Finding.Result.PASSED, "agent config /etc/barge/agent.yaml is valid", ""),
            new Finding("engine", Finding.Result.FAILED, "Docker engine at unix:///var/run/docker.sock does not answer",
                    "start it (systemctl start docker)"),
            new Finding("secrets", Finding.Result.NOT_CHECKED, "the node's stacks and secrets: needs the config and the source", "")));

    @Test
    void eachCheckIsOneLineWithItsMarkAndTheFixBelowAFailure() {
        assertThat(CheckupView.human(BROKEN, false)).isEqualTo("""
                ✓ agent config /etc/barge/agent.yaml is valid
                ✗ Docker engine at unix:///var/run/docker.sock does not answer
                    fix: start it (systemctl start docker)
                - the node's stacks and secrets: needs the config and the source
                1 check failed, 1 passed: fix the first one first.
                """);
    }

    @Test
    void aHealthyCheckupSaysSo() {
        Checkup healthy = new Checkup(List.of(new Finding("config", Finding.Result.PASSED, "ok", "")));
        assertThat(healthy.healthy()).isTrue();
        assertThat(CheckupView.human(healthy, false)).endsWith("All 1 checks passed.\n");
    }

    @Test
    void controlCharactersFromACommitMessageAreEscaped() {
        Checkup checkup = new Checkup(List.of(new Finding("source", Finding.Result.PASSED,
                "fetched, head abc1234 (evil\u001b[2J\rmessage)", "")));
        assertThat(CheckupView.human(checkup, false)).doesNotContain("\u001b").doesNotContain("\r");
    }

    @Test
    void jsonIsVersionedAndNamesEachResult() throws Exception {
        var json = new ObjectMapper().readTree(CheckupView.json(BROKEN));
        assertThat(json.get("format_version").asText()).isEqualTo("1");
        assertThat(json.get("healthy").asBoolean()).isFalse();
        assertThat(json.get("checks")).hasSize(3);
        assertThat(json.get("checks").get(1).get("result").asText()).isEqualTo("failed");
        assertThat(json.get("checks").get(0).get("fix").isNull()).isTrue();
        assertThat(json.get("checks").get(2).get("result").asText()).isEqualTo("not_checked");
    }
}
