package dev.barge.view;

import static dev.barge.plan.Fixtures.matching;
import static dev.barge.plan.Fixtures.plan;
import static dev.barge.plan.Fixtures.recorded;
import static dev.barge.plan.Fixtures.running;
import static dev.barge.plan.Fixtures.slice;
import static dev.barge.plan.Fixtures.stack;
import static dev.barge.plan.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.model.FileContent;
import dev.barge.config.model.RepoContent;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.Mount;
import dev.barge.config.model.StackSpec;
import dev.barge.plan.Action;
import dev.barge.plan.AttributeDiff;
import dev.barge.plan.ContainerChange;
import dev.barge.plan.Plan;
import dev.barge.plan.ServiceBuilder;
import java.util.List;

/** A repo file's content is part of the spec: a change replaces the container and the plan says which file. */
class RepoBindPlanTest {

    private static ServiceSpec web(String html) {
        ServiceSpec base = ServiceBuilder.service("web").build();
        RepoContent content = new RepoContent("stacks/site/conf/index.html", false,
                List.of(new RepoContent.Entry("", FileContent.plain(html), false)));
        return base.withMounts(List.of(new Mount(Mount.Type.BIND, "./conf/index.html", "/www/index.html", true, null, content)));
    }

    private static Plan planFrom(String appliedHtml, String desiredHtml) {
        StackSpec before = stack("site", web(appliedHtml), ServiceBuilder.service("other").build());
        StackSpec after = stack("site", web(desiredHtml), ServiceBuilder.service("other").build());
        var web = running(before, before.project().services().get("web"));
        var other = running(before, before.project().services().get("other"));
        return plan(slice(after), state(List.of(web, other), matching(before)), recorded(web, other));
    }

    @org.junit.jupiter.api.Test
    void anUnchangedRepoFileNeverCausesAReplace() {
        Plan plan = planFrom("<h1>one</h1>", "<h1>one</h1>");

        assertThat(plan.hasChanges()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aChangedRepoFileReplacesOnlyItsServiceAndThePlanNamesTheFile() {
        Plan plan = planFrom("<h1>one</h1>", "<h1>two</h1>");

        assertThat(plan.changes()).filteredOn(c -> c.action() == Action.REPLACE).singleElement()
                .extracting(c -> c.address().toString()).isEqualTo("site/web");
        ContainerChange replace = (ContainerChange) plan.changes().stream().filter(c -> c.action() == Action.REPLACE)
                .findFirst().orElseThrow();
        assertThat(replace.diffs()).extracting(AttributeDiff::path).containsExactly("volumes./www/index.html.content");
        assertThat(PlanView.human(plan, false)).contains("~ site/web  bind ./conf/index.html changed")
                .contains("1 to replace").contains("1 unchanged");
    }
}
