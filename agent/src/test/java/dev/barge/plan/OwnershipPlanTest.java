package dev.barge.plan;

import static dev.barge.plan.Fixtures.COMMIT;
import static dev.barge.plan.Fixtures.KEY;
import static dev.barge.plan.Fixtures.matching;
import static dev.barge.plan.Fixtures.relabelled;
import static dev.barge.plan.Fixtures.running;
import static dev.barge.plan.Fixtures.slice;
import static dev.barge.plan.Fixtures.stack;
import static dev.barge.plan.ServiceBuilder.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.docker.ActualState;
import dev.barge.docker.ActualState.Container;
import dev.barge.docker.Ownership;
import dev.barge.docker.OwnershipLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Finding 8.8 in the plan: owned objects are planned, foreign ones only noted, an earlier barge's adopted from the record. */
class OwnershipPlanTest {
    static final ServiceSpec DB = service("db").command("sleep", "3600").build();
    static final ServiceSpec API = service("api").env("TAG", "1.27").build();
    static final ServiceSpec API_OLD = service("api").env("TAG", "1.26").build();
    static final StackSpec WEB = stack("web", DB, API);
    static final StackSpec WEB_OLD = stack("web", DB, API_OLD);
    static final StackSpec EVIL = stack("evil", service("app").build());

    /** What a barge from before the owner label made: the same labels, without the proof. */
    static Container legacy(Container c) {
        return relabelled(c, labels -> {
            labels.remove(OwnershipLabels.OWNER);
            return labels;
        });
    }

    static Plan plan(List<StackSpec> desired, ActualState labelled, Ownership ownership, PriorState prior) {
        return new Planner(KEY).plan(slice(desired.toArray(StackSpec[]::new)), ownership.partition(labelled), prior,
                new PlanOptions(COMMIT, false));
    }

    static Ownership ownership(Set<String> recordedContainers, Set<String> recordedStacks) {
        return new Ownership(KEY.owner(), recordedContainers, recordedStacks);
    }

    @Test
    void aForeignContainerWithBargesLabelsIsNeverDeletedAndIsListedAsNotOwned() {
        List<Container> containers = new ArrayList<>(matching(WEB).containers());
        containers.add(legacy(running(EVIL, EVIL.project().services().get("app"))));
        containers.add(legacy(Fixtures.renamed(running(WEB, API), "web-api-2")));
        ActualState labelled = Fixtures.state(containers, matching(WEB));

        Plan plan = plan(List.of(WEB), labelled, ownership(Set.of(), Set.of()), new PriorState(COMMIT, Map.of()));

        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.changes()).extracting(c -> c.action() + " " + c.address()).containsExactly("NONE web/api", "NONE web/db");
        assertThat(plan.notes()).extracting(n -> n.kind() + " " + n.name() + " " + n.stack()).containsExactly(
                "NOT_OWNED evil-app-1 evil", "NOT_OWNED web-api-2 web");
        assertThat(plan.notes().get(0).detail()).startsWith("not owned, left alone");
    }

    @Test
    void anEmptyNodeWithOnlyForeignContainersIsNeitherRefusedNorCleared() {
        ActualState labelled = Fixtures.state(List.of(legacy(running(EVIL, EVIL.project().services().get("app")))),
                ActualState.EMPTY);

        Plan plan = plan(List.of(), labelled, ownership(Set.of(), Set.of()), PriorState.NONE);

        assertThat(plan.changes()).isEmpty();
        assertThat(plan.notes()).singleElement().satisfies(n -> assertThat(n.kind()).isEqualTo(Note.Kind.NOT_OWNED));
    }

    @Test
    void anotherBargesStackOfTheSameNameIsLeftAloneAndItsNameClashIsNoted() {
        ActualState other = new Ownership("0123456789abcdef0123456789abcdef", Set.of(), Set.of()).partition(matching(WEB));
        ActualState labelled = new ActualState(List.of(), List.of(), List.of(), other.images());
        List<Container> theirs = matching(WEB).containers().stream().map(c -> relabelled(c, labels -> {
            labels.put(OwnershipLabels.OWNER, "0123456789abcdef0123456789abcdef");
            return labels;
        })).toList();
        labelled = Fixtures.state(theirs, labelled);

        Plan plan = plan(List.of(WEB), labelled, ownership(Set.of(), Set.of()), PriorState.NONE);

        assertThat(plan.changes()).extracting(c -> c.action() + " " + c.address()).containsExactly(
                "CREATE network/web_default", "CREATE web/api", "CREATE web/db");
        assertThat(plan.notes()).extracting(Note::name).containsExactly("web-api-1", "web-db-1");
        assertThat(plan.notes()).allSatisfy(n -> assertThat(n.detail())
                .contains("another barge instance").contains("this plan creates one by that name"));
    }

    @Test
    void aContainerOfAnEarlierBargeRecordedInTheStateDirIsAdoptedAndItsReplacementGetsTheOwnerLabel() {
        ActualState before = matching(WEB_OLD);
        List<Container> old = before.containers().stream().map(OwnershipPlanTest::legacy).toList();
        ActualState labelled = new ActualState(old, before.networks().stream().map(n -> new ActualState.Network(n.id(),
                n.name(), n.stack(), Map.of(OwnershipLabels.STACK, "web"))).toList(), List.of(), before.images());
        PriorState prior = Fixtures.recorded(old.toArray(Container[]::new));

        Plan plan = plan(List.of(WEB), labelled, ownership(prior.specHashByContainer().keySet(), Set.of("web")), prior);

        assertThat(plan.changes()).extracting(c -> c.action() + " " + c.address() + " " + c.reason().code())
                .containsExactly("REPLACE web/api spec_changed", "NONE web/db in_sync");
        ContainerChange replace = (ContainerChange) plan.changes().get(0);
        assertThat(replace.labels()).containsEntry(OwnershipLabels.OWNER, KEY.owner());
        assertThat(plan.notes()).extracting(n -> n.kind() + " " + n.object() + " " + n.name()).containsExactly(
                "ADOPTED CONTAINER web-api-1", "ADOPTED CONTAINER web-db-1", "ADOPTED NETWORK web_default");
        assertThat(plan.notes().get(0).detail())
                .isEqualTo("adopted from an earlier barge: recorded in this state dir; a replace gives it the owner label");
    }

    @Test
    void anEarlierBargesContainerWithoutAStateRecordIsNotOwned() {
        List<Container> old = matching(WEB_OLD).containers().stream().map(OwnershipPlanTest::legacy).toList();

        Plan plan = plan(List.of(WEB), Fixtures.state(old, matching(WEB_OLD)), ownership(Set.of(), Set.of()),
                PriorState.NONE);

        assertThat(plan.changes()).filteredOn(c -> c instanceof ContainerChange)
                .extracting(c -> c.action() + " " + c.address()).containsExactly("CREATE web/api", "CREATE web/db");
        assertThat(plan.notes()).extracting(Note::kind).containsOnly(Note.Kind.NOT_OWNED);
    }

    @Test
    void everythingAPlanCreatesCarriesTheOwnerProof() {
        StackSpec shop = stack("shop", StackSpec.Drift.CORRECT, List.of("data"), service("db").volume("data", "/d").build());

        Plan plan = plan(List.of(shop), ActualState.EMPTY, ownership(Set.of(), Set.of()), PriorState.NONE);

        assertThat(plan.changes()).hasSize(3).allSatisfy(c -> assertThat(labels(c))
                .containsEntry(OwnershipLabels.OWNER, KEY.owner()).containsEntry(OwnershipLabels.MANAGED, "true"));
    }

    private static Map<String, String> labels(Change c) {
        if (c instanceof ContainerChange cc) {
            return cc.labels();
        }
        return c instanceof NetworkChange n ? n.labels() : ((VolumeChange) c).labels();
    }
}
