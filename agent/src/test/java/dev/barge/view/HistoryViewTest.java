package dev.barge.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.barge.record.HistoryEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryViewTest {

    private static List<HistoryEntry> newestFirst() {
        List<HistoryEntry> entries = new ArrayList<>(StatusSamples.history());
        Collections.reverse(entries);
        return entries;
    }

    @Test
    void human_matches_golden() {
        Golden.assertMatches("history/history.txt", HistoryView.human(newestFirst(), false));
    }

    @Test
    void json_matches_golden() {
        Golden.assertMatches("history/history.json", HistoryView.json(newestFirst()));
    }

    @Test
    void human_shows_each_entry_on_one_line_with_short_commits() {
        List<String> lines = HistoryView.human(newestFirst(), false).lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("TIME").contains("COMMIT").endsWith("ERROR");
        assertThat(lines.get(2)).matches("2024-05-01T11:00:00Z  9d8c7b6a5f4e +cli +failed .*")
                .endsWith("shop: health gate failed for web: exit 1");
        assertThat(lines.get(1)).contains("local:directory /srv/config");
        assertThat(lines).allMatch(l -> l.equals(l.stripTrailing()));
    }

    @Test
    void colour_marks_the_outcome_only_when_asked() {
        assertThat(HistoryView.human(newestFirst(), false)).doesNotContain("\u001b");
        assertThat(HistoryView.human(newestFirst(), true)).contains("\u001b[31mfailed");
    }

    @Test
    void json_has_every_field_and_the_digests() throws Exception {
        JsonNode root = new ObjectMapper().readTree(HistoryView.json(newestFirst()));
        assertThat(root.get("format_version").asText()).isEqualTo("1");
        assertThat(root.get("entries")).hasSize(4);
        JsonNode failed = root.get("entries").get(1);
        assertThat(failed.get("commit").asText()).isEqualTo(StatusSamples.FAILED);
        assertThat(failed.get("time").asText()).isEqualTo("2024-05-01T11:00:00.123Z");
        assertThat(failed.get("digests").get("shop/db").asText()).isEqualTo(StatusSamples.BUSYBOX_DIGEST);
        assertThat(failed.get("error").asText()).contains("\n");
        assertThat(root.get("entries").get(3).get("error").isNull()).isTrue();
    }

    @Test
    void an_empty_history_is_one_sentence() {
        assertThat(HistoryView.human(List.of(), false)).isEqualTo("No history yet: nothing has been applied on this node.\n");
        assertThat(HistoryView.json(List.of())).isEqualTo("{\n  \"format_version\": \"1\",\n  \"entries\": []\n}\n");
    }
}
