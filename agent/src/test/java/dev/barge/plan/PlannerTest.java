package dev.barge.plan;

import static dev.barge.plan.Fixtures.IMAGE_ID;
import static dev.barge.plan.Fixtures.NEW_IMAGE_ID;
import static dev.barge.plan.Fixtures.matching;
import static dev.barge.plan.Fixtures.plan;
import static dev.barge.plan.Fixtures.recorded;
import static dev.barge.plan.Fixtures.relabelled;
import static dev.barge.plan.Fixtures.renamed;
import static dev.barge.plan.Fixtures.running;
import static dev.barge.plan.Fixtures.slice;
import static dev.barge.plan.Fixtures.stack;
import static dev.barge.plan.Fixtures.state;
import static dev.barge.plan.Fixtures.with;
import static dev.barge.plan.ServiceBuilder.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.config.model.StackSpec.Drift;
import dev.barge.docker.ActualState;
import dev.barge.docker.ActualState.Container;
import dev.barge.docker.ActualState.Status;
import dev.barge.docker.OwnershipLabels;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per planner rule: the situation, and the action and reason the planner must give. */
class PlannerTest {
    static final ServiceSpec DB = service("db").command("sleep", "3600").build();
    static final ServiceSpec DB_NEW = service("db").command("sleep", "7200").build();
    static final ServiceSpec API = service("api").env("TAG", "1.27").dependsOn("db", false).build();
    static final ServiceSpec API_OLD = service("api").env("TAG", "1.26").dependsOn("db", false).build();
    static final ServiceSpec API_RESTARTS = service("api").env("TAG", "1.27").dependsOn("db", true).build();
    static final ServiceSpec FRONT = service("front").dependsOn("api", true).build();
    static final ServiceSpec JOB = service("migrate").restart("no").build();
    static final ServiceSpec ALWAYS = service("migrate").restart("always").build();

    static final StackSpec WEB = stack("web", DB, API);
    static final StackSpec WEB_OLD = stack("web", DB, API_OLD);
    static final StackSpec WEB_DETECT = stack("web", Drift.DETECT, List.of(), DB, API);
    static final StackSpec ONLY_DB = stack("web", DB);
    static final StackSpec WEB_ARM = stack("web", DB, service("api").env("TAG", "1.27").dependsOn("db", false)
            .engine(new ServiceSpec.Engine("linux/arm64/v8", null, List.of(), 1)).build());
    static final String OTHER_HASH = "ee".repeat(32);

    record Row(String name, Supplier<Plan> plan, String address, Action action, Reason reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> rules() {
        Container api = running(WEB, API);
        Container apiOld = running(WEB_OLD, API_OLD);
        Container db = running(WEB, DB);
        return Stream.of(
                row("a service without container is created", () -> plan(slice(WEB), matching(ONLY_DB), PriorState.NONE),
                        Action.CREATE, new Reason.New()),
                row("a container barge recorded and that is gone is recreated",
                        () -> plan(slice(WEB), matching(ONLY_DB), recorded(api)), Action.CREATE, new Reason.DriftMissing()),
                row("a missing container under drift: detect is only reported",
                        () -> plan(slice(WEB_DETECT), matching(ONLY_DB), recorded(api)), Action.NONE, new Reason.DriftMissing()),
                row("a running container with the desired hash is left alone",
                        () -> plan(slice(WEB), matching(WEB), PriorState.NONE), Action.NONE, new Reason.InSync()),
                row("a stopped container is started",
                        () -> plan(slice(WEB), state(List.of(db, with(api, Status.EXITED, 1)), matching(WEB)), PriorState.NONE),
                        Action.START, new Reason.DriftStopped("exited (1)")),
                // regression: starting it would run it without the config and secret files an apply that
                // died after creating it never put in
                row("a created, never started container is made afresh, not started",
                        () -> plan(slice(WEB), state(List.of(db, with(api, Status.CREATED, null)), matching(WEB)), PriorState.NONE),
                        Action.REPLACE, new Reason.DriftStopped("created")),
                row("a container parked by an interrupted replace, with no replacement, is replaced from",
                        () -> plan(slice(WEB), state(List.of(db, parked(apiOld)), matching(WEB)), recorded(apiOld)),
                        Action.REPLACE, new Reason.InterruptedReplace("web-api-1-barge-old")),
                row("a parked container with the desired spec is replaced, not started under its parked name",
                        () -> plan(slice(WEB), state(List.of(db, parked(api)), matching(WEB)), recorded(api)),
                        Action.REPLACE, new Reason.InterruptedReplace("web-api-1-barge-old")),
                row("a stopped container under drift: detect is only reported",
                        () -> plan(slice(WEB_DETECT), state(List.of(db, with(api, Status.EXITED, 1)), matching(WEB)), PriorState.NONE),
                        Action.NONE, new Reason.DriftStopped("exited (1)")),
                row("a dead container is replaced, the engine cannot start it",
                        () -> plan(slice(WEB), state(List.of(db, with(api, Status.DEAD, null)), matching(WEB)), PriorState.NONE),
                        Action.REPLACE, new Reason.DriftStopped("dead")),
                jobRow("a one-shot job with restart no that exited 0 is complete", JOB, 0, "web/migrate", Action.NONE,
                        new Reason.InSync()),
                jobRow("a one-shot job that failed is started again", JOB, 2, "web/migrate", Action.START,
                        new Reason.DriftStopped("exited (2)")),
                jobRow("a restart: always service that exited 0 is started", ALWAYS, 0, "web/migrate", Action.START,
                        new Reason.DriftStopped("exited (0)")),
                row("a spec changed by a commit replaces, with the changed paths",
                        () -> plan(slice(WEB), matching(WEB_OLD), recorded(apiOld)),
                        Action.REPLACE, new Reason.SpecChanged(List.of("environment.TAG"))),
                row("a spec changed with nothing recorded yet is judged by its labels",
                        () -> plan(slice(WEB), matching(WEB_OLD), PriorState.NONE),
                        Action.REPLACE, new Reason.SpecChanged(List.of("environment.TAG"))),
                row("a container whose hash differs from the record was changed outside barge",
                        () -> plan(slice(WEB), matching(WEB_OLD), new PriorState(null, java.util.Map.of(apiOld.name(), OTHER_HASH))),
                        Action.REPLACE, new Reason.DriftChangedOutside()),
                row("a change outside barge under drift: detect is only reported",
                        () -> plan(slice(WEB_DETECT), matching(WEB_OLD), recorded(api)),
                        Action.NONE, new Reason.DriftChangedOutside()),
                row("under drift: detect a commit that also changed the service still replaces it",
                        () -> plan(slice(WEB_DETECT), matching(WEB_OLD), new PriorState(null, java.util.Map.of(apiOld.name(), OTHER_HASH))),
                        Action.REPLACE, new Reason.SpecChanged(List.of("environment.TAG"))),
                row("an applied label that does not hash to the spec label was not written by barge",
                        () -> plan(slice(WEB), state(List.of(db, relabelled(apiOld, l -> {
                            l.put(BargeLabels.APPLIED, "{\"image\":\"evil\"}");
                            return l;
                        })), matching(WEB)), PriorState.NONE), Action.REPLACE, new Reason.DriftChangedOutside()),
                row("an applied label that is not JSON is treated the same",
                        () -> plan(slice(WEB), state(List.of(db, relabelled(apiOld, l -> {
                            l.put(BargeLabels.APPLIED, "{not json");
                            return l;
                        })), matching(WEB)), PriorState.NONE), Action.REPLACE, new Reason.DriftChangedOutside()),
                row("a pulled image behind the same reference replaces the container",
                        () -> plan(slice(WEB), new ActualState(matching(WEB).containers(), matching(WEB).networks(), List.of(),
                                List.of(new ActualState.Image("busybox:1.36", NEW_IMAGE_ID, List.of()))), PriorState.NONE),
                        Action.REPLACE, new Reason.ImageChanged(IMAGE_ID, NEW_IMAGE_ID)),
                row("a local image for another platform than the service asks does not replace it",
                        () -> plan(slice(WEB_ARM), new ActualState(matching(WEB_ARM).containers(), matching(WEB_ARM).networks(),
                                List.of(), List.of(new ActualState.Image("busybox:1.36", NEW_IMAGE_ID, List.of(), "linux", "amd64"))),
                                PriorState.NONE), Action.NONE, new Reason.InSync()),
                row("a pulled image for the platform the service asks replaces it",
                        () -> plan(slice(WEB_ARM), new ActualState(matching(WEB_ARM).containers(), matching(WEB_ARM).networks(),
                                List.of(), List.of(new ActualState.Image("busybox:1.36", NEW_IMAGE_ID, List.of(), "linux", "arm64"))),
                                PriorState.NONE), Action.REPLACE, new Reason.ImageChanged(IMAGE_ID, NEW_IMAGE_ID)),
                row("a service no longer in the config is deleted",
                        () -> plan(slice(ONLY_DB), matching(WEB), PriorState.NONE), Action.DELETE, new Reason.RemovedFromConfig()),
                row("a second container for the same service is deleted",
                        () -> plan(slice(WEB), state(List.of(db, api, renamed(api, "web-api-old")), matching(WEB)), PriorState.NONE),
                        Action.DELETE, new Reason.Duplicate("web-api-1")),
                row("a dependent with restart: true is replaced with its dependency",
                        () -> plan(slice(stack("web", DB_NEW, API_RESTARTS)), matching(stack("web", DB, API_RESTARTS)), PriorState.NONE),
                        Action.REPLACE, new Reason.DependencyReplaced("db")),
                row("a dependent without restart: true stays",
                        () -> plan(slice(stack("web", DB_NEW, API)), matching(stack("web", DB, API)), PriorState.NONE),
                        Action.NONE, new Reason.InSync()),
                Arguments.of(new Row("restart: true propagates along the chain",
                        () -> plan(slice(stack("web", DB_NEW, API_RESTARTS, FRONT)), matching(stack("web", DB, API_RESTARTS, FRONT)),
                                PriorState.NONE), "web/front", Action.REPLACE, new Reason.DependencyReplaced("api"))));
    }

    /** The container as a replace parks it: stopped and renamed; an apply that died left it so. */
    private static Container parked(Container c) {
        return renamed(with(c, Status.EXITED, 137), c.name() + ContainerChange.PARKED_SUFFIX);
    }

    /**
     * Regression: after an apply died while the replacement waited for its health gate, the next plan
     * kept the replacement (it has the desired spec and runs) and deleted the parked old container as a
     * duplicate, so the gate was never passed. Now the replacement goes and the replace runs again.
     */
    @org.junit.jupiter.api.Test
    void aReplaceInterruptedDuringItsHealthGateIsCarriedOutAgainNotTakenForDone() {
        Container unverified = running(WEB, API);
        Container parked = parked(running(WEB_OLD, API_OLD));
        Container db = running(WEB, DB);
        Plan plan = plan(slice(WEB), state(List.of(db, unverified, parked), matching(WEB)),
                recorded(db, running(WEB_OLD, API_OLD)));

        assertThat(plan.changes()).filteredOn(c -> c.address().toString().equals("web/api"))
                .map(ContainerChange.class::cast)
                .extracting(ContainerChange::action, ContainerChange::containerName, ContainerChange::currentId, Change::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Action.DELETE, "web-api-1", unverified.id(),
                                new Reason.InterruptedReplace("web-api-1-barge-old")),
                        org.assertj.core.groups.Tuple.tuple(Action.REPLACE, "web-api-1", parked.id(),
                                new Reason.InterruptedReplace("web-api-1-barge-old")));
        ContainerChange replace = (ContainerChange) plan.changes().stream().filter(c -> c.action() == Action.REPLACE)
                .findFirst().orElseThrow();
        assertThat(replace.diffs()).extracting(AttributeDiff::path).containsExactly("environment.TAG");
        assertThat(plan.summary().delete()).isEqualTo(1);
    }

    private static Arguments row(String name, Supplier<Plan> plan, Action action, Reason reason) {
        return Arguments.of(new Row(name, plan, "web/api", action, reason));
    }

    private static Arguments jobRow(String name, ServiceSpec job, int exit, String address, Action action, Reason reason) {
        StackSpec web = stack("web", job);
        return Arguments.of(new Row(name, () -> plan(slice(web),
                state(List.of(with(running(web, job), Status.EXITED, exit)), matching(web)), PriorState.NONE),
                address, action, reason));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void planner_rule(Row row) {
        Plan plan = row.plan().get();
        assertThat(plan.changes()).filteredOn(c -> c.address().toString().equals(row.address()))
                .anySatisfy(c -> {
                    assertThat(c.action()).isEqualTo(row.action());
                    assertThat(c.reason()).isEqualTo(row.reason());
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void every_change_that_builds_a_container_carries_what_apply_needs(Row row) {
        for (Change c : row.plan().get().changes()) {
            if (c instanceof ContainerChange cc && (c.action() == Action.CREATE || c.action() == Action.REPLACE)) {
                assertThat(cc.labels()).containsEntry(OwnershipLabels.SPEC, cc.specHash())
                        .containsEntry(OwnershipLabels.COMMIT, Fixtures.COMMIT)
                        .containsEntry(OwnershipLabels.STACK, cc.stack().name())
                        .containsEntry(OwnershipLabels.SERVICE, cc.service().name());
                assertThat(cc.containerName()).isEqualTo(cc.service().containerName(cc.stack().name()));
            }
        }
    }
}
