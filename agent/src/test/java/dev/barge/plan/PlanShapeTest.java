package dev.barge.plan;

import static dev.barge.plan.Fixtures.KEY;
import static dev.barge.plan.Fixtures.matching;
import static dev.barge.plan.Fixtures.plan;
import static dev.barge.plan.Fixtures.slice;
import static dev.barge.plan.Fixtures.stack;
import static dev.barge.plan.ServiceBuilder.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.docker.ActualState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan as a whole: the empty-set guard, ordering, cycles, networks and volumes, diffs. */
class PlanShapeTest {
    static final StackSpec WEB = stack("web", service("db").build(), service("api").dependsOn("db", false).build(),
            service("front").dependsOn("api", false).build());

    @Test
    void an_empty_desired_set_does_not_delete_everything() {
        assertThatThrownBy(() -> plan(slice(), matching(WEB), PriorState.NONE))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.failure()).isEqualTo(Failure.REFUSED))
                .hasMessageContaining("refusing to remove all 3 barge containers on node vm-1")
                .hasMessageContaining("--allow-empty")
                .hasMessageNotContaining("\n");
    }

    @Test
    void allow_empty_deletes_everything() {
        Plan plan = new Planner(KEY).plan(slice(), matching(WEB), PriorState.NONE, new PlanOptions(null, true));
        assertThat(plan.changes()).extracting(c -> c.action() + " " + c.address())
                .containsExactly("DELETE web/front", "DELETE web/api", "DELETE web/db", "DELETE network/web_default");
    }

    @Test
    void an_empty_desired_set_on_an_empty_engine_plans_nothing() {
        Plan plan = plan(slice(), ActualState.EMPTY, PriorState.NONE);
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.hasChanges()).isFalse();
    }

    @Test
    void resources_first_then_containers_in_dependency_order_stack_by_stack_then_deletes_in_reverse() {
        StackSpec shop = stack("shop", StackSpec.Drift.CORRECT, List.of("data"),
                service("z-db").volume("data", "/data").build(), service("a-api").dependsOn("z-db", false).build());
        StackSpec old = stack("old", service("db").build(), service("api").dependsOn("db", false).build(),
                service("front").dependsOn("api", false).build());
        Plan plan = plan(slice(WEB, shop), matching(old), PriorState.NONE);
        assertThat(plan.changes()).extracting(c -> c.action() + " " + c.address()).containsExactly(
                "CREATE network/shop_default",
                "CREATE network/web_default",
                "CREATE volume/shop_data",
                "CREATE shop/z-db",
                "CREATE shop/a-api",
                "CREATE web/db",
                "CREATE web/api",
                "CREATE web/front",
                "DELETE old/front",
                "DELETE old/api",
                "DELETE old/db",
                "DELETE network/old_default");
    }

    @Test
    void a_depends_on_cycle_is_bad_input_naming_the_cycle() {
        StackSpec loop = stack("web", service("a").dependsOn("b", false).build(), service("b").dependsOn("c", false).build(),
                service("c").dependsOn("a", false).build(), service("d").dependsOn("a", false).build());
        assertThatThrownBy(() -> plan(slice(loop), ActualState.EMPTY, PriorState.NONE))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT))
                .hasMessage("stack web: depends_on forms a cycle a -> b -> c -> a; remove one of these dependencies");
    }

    @Test
    void an_unknown_required_dependency_is_bad_input() {
        StackSpec web = stack("web", service("api").dependsOn("db", false).build());
        assertThatThrownBy(() -> plan(slice(web), ActualState.EMPTY, PriorState.NONE))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT))
                .hasMessageContaining("service api depends on db, which the stack does not define");
    }

    @Test
    void a_stack_selected_twice_is_bad_input() {
        assertThatThrownBy(() -> plan(slice(WEB, WEB), ActualState.EMPTY, PriorState.NONE))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT))
                .hasMessageContaining("stack web is selected twice");
    }

    @Test
    void volumes_of_removed_stacks_are_kept_and_reported() {
        StackSpec old = stack("old", StackSpec.Drift.CORRECT, List.of("data"), service("db").volume("data", "/d").build());
        Plan plan = new Planner(KEY).plan(slice(), matching(old), PriorState.NONE, new PlanOptions(null, true));
        assertThat(plan.changes()).last().satisfies(c -> {
            assertThat(c).isInstanceOf(VolumeChange.class);
            assertThat(c.action()).isEqualTo(Action.NONE);
            assertThat(c.reason()).isEqualTo(new Reason.RemovedFromConfig());
        });
        assertThat(plan.warnings()).singleElement().asString().contains("volume old_data is no longer in the config and is kept");
    }

    @Test
    void a_service_with_network_mode_needs_no_default_network() {
        StackSpec host = stack("ops", service("agent").networkMode("host").build());
        assertThat(plan(slice(host), ActualState.EMPTY, PriorState.NONE).changes())
                .extracting(c -> c.address().toString()).containsExactly("ops/agent");
    }

    @Test
    void diffs_show_every_changed_attribute_with_before_and_after() {
        ServiceSpec before = service("api").env("TAG", "1.27").user("1000").command("run").secretEnv("PW", "old").build();
        ServiceSpec after = service("api").env("TAG", "1.28").label("x", "y").command("run", "--fast")
                .secretEnv("PW", "new").secretEnv("TOKEN", "t0k3n").build();
        Plan plan = plan(slice(stack("web", after)), matching(stack("web", before)), PriorState.NONE);
        ContainerChange change = (ContainerChange) plan.changes().stream()
                .filter(c -> c.address().toString().equals("web/api")).findFirst().orElseThrow();
        assertThat(change.diffs()).containsExactly(
                new AttributeDiff("command", "[\"run\"]", "[\"run\",\"--fast\"]", false),
                new AttributeDiff("environment.PW", AttributeDiff.SENSITIVE, AttributeDiff.SENSITIVE, true),
                new AttributeDiff("environment.TAG", "1.27", "1.28", false),
                new AttributeDiff("environment.TOKEN", null, AttributeDiff.SENSITIVE, true),
                new AttributeDiff("labels.x", null, "y", false),
                new AttributeDiff("user", "1000", null, false));
        assertThat(change.reason()).isEqualTo(new Reason.SpecChanged(
                List.of("command", "environment.PW", "environment.TAG", "environment.TOKEN", "labels.x", "user")));
    }

    @Test
    void an_unchanged_secret_is_no_diff_and_no_replace() {
        ServiceSpec api = service("api").secretEnv("PW", "same").build();
        Plan plan = plan(slice(stack("web", api)), matching(stack("web", api)), PriorState.NONE);
        assertThat(plan.hasChanges()).isFalse();
    }

    @Test
    void a_sensitive_diff_cannot_be_built_with_a_value() {
        assertThatThrownBy(() -> new AttributeDiff("environment.PW", null, "clear", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("clear");
    }

    @Test
    void the_plan_refuses_a_summary_that_does_not_count_its_changes() {
        assertThatThrownBy(() -> new Plan(Plan.FORMAT_VERSION, "vm-1", null, null, List.of(),
                new Plan.Summary(1, 0, 0, 0, 0, 0), List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
