package dev.barge.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogPrefixesTest {

    @Test
    void names_are_padded_to_the_longest_as_compose_does() {
        assertThat(LogPrefixes.of(List.of("db", "web", "worker"), false))
                .containsExactly(java.util.Map.entry("db", "db     | "), java.util.Map.entry("web", "web    | "),
                        java.util.Map.entry("worker", "worker | "));
    }

    @Test
    void each_name_gets_its_own_colour_on_a_terminal() {
        var prefixes = LogPrefixes.of(List.of("db", "web"), true);
        assertThat(prefixes.get("db")).isEqualTo("\u001b[36mdb  | \u001b[0m");
        assertThat(prefixes.get("web")).startsWith("\u001b[33m");
        assertThat(LogPrefixes.of(List.of(), true)).isEmpty();
    }
}
