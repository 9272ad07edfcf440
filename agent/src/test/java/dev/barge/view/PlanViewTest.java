package dev.barge.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.plan.Plan;
import dev.barge.plan.SamplePlans;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PlanViewTest {

    static Stream<Arguments> plans() {
        return Stream.of(Arguments.of("rich", (Supplier<Plan>) SamplePlans::rich),
                Arguments.of("unchanged", (Supplier<Plan>) SamplePlans::unchanged));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void human_matches_golden(String name, Supplier<Plan> plan) {
        Golden.assertMatches("plan/" + name + ".txt", PlanView.human(plan.get(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void human_in_colour_matches_golden(String name, Supplier<Plan> plan) {
        Golden.assertMatches("plan/" + name + ".colour.txt", PlanView.human(plan.get(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void json_matches_golden(String name, Supplier<Plan> plan) {
        Golden.assertMatches("plan/" + name + ".json", PlanView.json(plan.get()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void without_colour_there_is_no_escape_sequence(String name, Supplier<Plan> plan) {
        assertThat(PlanView.human(plan.get(), false)).doesNotContain("\u001b");
        assertThat(PlanView.human(plan.get(), true)).contains("\u001b[1m");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "null, null, true, true",
            "null, null, false, false",
            "1, null, true, false",
            "'', null, true, true",
            "null, dumb, true, false",
            "null, xterm-256color, true, true"})
    void colour_only_on_a_terminal_without_no_color(String noColor, String term, boolean terminal, boolean expected) {
        Map<String, String> env = new HashMap<>();
        if (noColor != null) {
            env.put("NO_COLOR", noColor);
        }
        if (term != null) {
            env.put("TERM", term);
        }
        assertThat(Colour.enabled(env, terminal)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|0|0|0|5|0|true|Plan: 1 to create, 0 to replace, 0 to delete, 0 to start, 5 unchanged.",
            "0|0|0|0|5|0|false|No changes. 5 containers match the config.",
            "0|0|0|0|1|0|false|No changes. 1 container matches the config.",
            "0|0|0|0|4|1|false|No changes. 4 containers match the config. 1 drifted, left as is (drift: detect).",
            "0|0|0|0|0|0|false|No changes. No container is configured for this node."})
    void summary_line(int create, int replace, int delete, int start, int unchanged, int drifted, boolean changes,
                      String line) {
        assertThat(PlanView.summary(new Plan.Summary(create, replace, delete, start, unchanged, drifted), changes))
                .isEqualTo(line);
    }

    @org.junit.jupiter.api.Test
    void aNoteOnAForeignObjectEscapesItsLabelsWhichAnyoneCanSet() {
        var note = new dev.barge.plan.Note(dev.barge.plan.Note.Kind.NOT_OWNED, dev.barge.plan.Address.Kind.CONTAINER,
                "evil", "web\u001b[2J\nfake", "not owned, left alone: it has barge's labels but not this barge's owner proof");
        assertThat(PlanView.note(note)).isEqualTo("container evil (stack \"web\\x1b[2J\\nfake\") is not owned, left alone:"
                + " it has barge's labels but not this barge's owner proof");
    }
}
