package dev.barge.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.docker.ActualState.Kind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Finding 8.8: only what carries this state dir's proof, or its record names, is barge's to change. */
class OwnershipTest {

    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];

    static {
        OTHER_KEY[0] = 1;
    }

    private static final Ownership MINE = Ownership.of(KEY, Set.of("web-app-1"), Set.of("web"));
    private static final String PROOF = OwnershipLabels.ownerProof(KEY);

    @Test
    void theProofIs32HexDigitsOfTheStateKeyAndDiffersBetweenStateDirs() {
        assertThat(PROOF).matches("[0-9a-f]{32}").isEqualTo(OwnershipLabels.ownerProof(KEY.clone()));
        assertThat(OwnershipLabels.ownerProof(OTHER_KEY)).isNotEqualTo(PROOF);
    }

    @Test
    void aContainerWithBargesLabelsButNoProofIsNotOwned() {
        ActualState parted = MINE.partition(state(container("shop-app-1", "shop", null)));
        assertThat(parted.containers()).isEmpty();
        assertThat(parted.unowned()).containsExactly(new ActualState.Unowned(Kind.CONTAINER, "shop-app-1", "shop", false));
    }

    @Test
    void anotherStateDirsContainerIsNotOwnedEvenWithTheSameStackName() {
        ActualState parted = MINE.partition(state(container("web-app-1", "web", OwnershipLabels.ownerProof(OTHER_KEY))));
        assertThat(parted.containers()).isEmpty();
        assertThat(parted.adopted()).isEmpty();
        assertThat(parted.unowned()).containsExactly(new ActualState.Unowned(Kind.CONTAINER, "web-app-1", "web", true));
    }

    @Test
    void aContainerWithThisStateDirsProofIsOwned() {
        ActualState parted = MINE.partition(state(container("shop-app-1", "shop", PROOF)));
        assertThat(parted.containers()).extracting(ActualState.Container::name).containsExactly("shop-app-1");
        assertThat(parted.unowned()).isEmpty();
        assertThat(parted.adopted()).isEmpty();
    }

    @Test
    void aContainerOfAnEarlierBargeIsAdoptedOnlyWhenTheStateDirRecordsIt() {
        ActualState parted = MINE.partition(state(container("web-app-1", "web", null), container("web-db-1", "web", null),
                container("web-app-1-barge-old", "web", null)));
        assertThat(parted.containers()).extracting(ActualState.Container::name)
                .containsExactly("web-app-1", "web-app-1-barge-old");
        assertThat(parted.adopted()).extracting(ActualState.Adopted::name).containsExactly("web-app-1", "web-app-1-barge-old");
        assertThat(parted.unowned()).extracting(ActualState.Unowned::name).containsExactly("web-db-1");
    }

    @Test
    void withoutAStateRecordNothingOfAnEarlierBargeIsAdopted() {
        Ownership fresh = Ownership.of(KEY, Set.of(), Set.of());
        ActualState parted = fresh.partition(new ActualState(List.of(container("web-app-1", "web", null)),
                List.of(new ActualState.Network("n1", "web_default", "web", labels("web", null))),
                List.of(new ActualState.Volume("web_data", "web", labels("web", null))), List.of()));
        assertThat(parted.containers()).isEmpty();
        assertThat(parted.networks()).isEmpty();
        assertThat(parted.volumes()).isEmpty();
        assertThat(parted.unowned()).hasSize(3);
    }

    @Test
    void networksAndVolumesOfARecordedOrAdoptedStackAreAdoptedOthersAreNot() {
        Ownership recordsApp = Ownership.of(KEY, Set.of("blog-app-1"), Set.of("web"));
        ActualState parted = recordsApp.partition(new ActualState(List.of(container("blog-app-1", "blog", null)),
                List.of(new ActualState.Network("n1", "web_default", "web", labels("web", null)),
                        new ActualState.Network("n2", "blog_default", "blog", labels("blog", null)),
                        new ActualState.Network("n3", "shop_default", "shop", labels("shop", null)),
                        new ActualState.Network("n4", "mine_default", "mine", labels("mine", PROOF))),
                List.of(new ActualState.Volume("web_data", "web", labels("web", null)),
                        new ActualState.Volume("x_data", "x", labels("x", OwnershipLabels.ownerProof(OTHER_KEY)))),
                List.of()));
        assertThat(parted.networks()).extracting(ActualState.Network::name)
                .containsExactly("web_default", "blog_default", "mine_default");
        assertThat(parted.volumes()).extracting(ActualState.Volume::name).containsExactly("web_data");
        assertThat(parted.unowned()).extracting(u -> u.kind() + " " + u.name() + " " + u.otherInstance())
                .containsExactly("NETWORK shop_default false", "VOLUME x_data true");
        assertThat(parted.adopted()).extracting(a -> a.kind() + " " + a.name())
                .containsExactly("CONTAINER blog-app-1", "NETWORK web_default", "NETWORK blog_default", "VOLUME web_data");
    }

    private static ActualState state(ActualState.Container... containers) {
        return new ActualState(List.of(containers), List.of(), List.of(), List.of());
    }

    static ActualState.Container container(String name, String stack, String owner) {
        return new ActualState.Container("id-" + name, name, stack, "app", "mars", "ab".repeat(32), "c0ffee",
                "busybox:1.36", "sha256:1", ActualState.Status.RUNNING, null, 0, null, labels(stack, owner));
    }

    private static Map<String, String> labels(String stack, String owner) {
        Map<String, String> labels = new HashMap<>(OwnershipLabels.forStack("mars", stack));
        if (owner != null) {
            labels.put(OwnershipLabels.OWNER, owner);
        }
        return labels;
    }
}
