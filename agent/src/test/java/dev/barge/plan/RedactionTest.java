package dev.barge.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.view.PlanView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No secret value reaches any rendering of a plan, nor its toString, nor the applied label. */
class RedactionTest {
    private static final List<String> SECRETS = List.of(SamplePlans.SECRET, SamplePlans.SECRET_OLD, SamplePlans.SECRET_FILE,
            "sup3r-private");

    @Test
    void no_secret_in_any_rendering() {
        Plan plan = SamplePlans.rich();
        List<String> outputs = new ArrayList<>(List.of(plan.toString(), PlanView.human(plan, false),
                PlanView.human(plan, true), PlanView.json(plan)));
        for (Change c : plan.changes()) {
            outputs.add(c.toString());
            c.diffs().forEach(d -> outputs.add(d.toString()));
            if (c instanceof ContainerChange cc) {
                outputs.add(String.valueOf(cc.labels().get(BargeLabels.APPLIED)));
                outputs.add(String.valueOf(cc.service()));
                outputs.add(String.valueOf(cc.stack()));
            }
        }
        for (String out : outputs) {
            for (String secret : SECRETS) {
                assertThat(out).doesNotContain(secret);
            }
        }
    }

    @Test
    void secrets_show_as_sensitive() {
        String human = PlanView.human(SamplePlans.rich(), false);
        assertThat(human).contains("~ environment.DB_PASSWORD: (sensitive) -> (sensitive)");
        assertThat(PlanView.json(SamplePlans.rich())).contains("\"after\": \"(sensitive)\"");
    }

    @Test
    void the_hash_key_does_not_print() {
        assertThat(Fixtures.KEY.toString()).isEqualTo("HashKey[(sensitive)]");
    }
}
