package dev.barge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.StackSpec;
import dev.barge.docker.ActualState;
import dev.barge.plan.Fixtures;
import dev.barge.plan.ServiceBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StackScopeTest {

    private static final StackSpec WEB = Fixtures.stack("itweb", ServiceBuilder.service("web").build());
    private static final StackSpec SHOP = Fixtures.stack("shop", ServiceBuilder.service("api").build());

    @Test
    void withoutThePrefixBargeSeesEveryStack() {
        ActualState actual = Fixtures.matching(WEB, SHOP);
        assertThat(StackScope.from(Map.of()).visible(actual)).isSameAs(actual);
        StackScope.from(Map.of(StackScope.ENV, " ")).check(Fixtures.slice(WEB, SHOP));
    }

    @Test
    void withThePrefixOtherStacksAreInvisibleSoTheyAreNeverPlannedForDeletion() {
        ActualState visible = StackScope.from(Map.of(StackScope.ENV, "it")).visible(Fixtures.matching(WEB, SHOP));
        assertThat(visible.containers()).extracting(ActualState.Container::stack).containsOnly("itweb");
        assertThat(visible.networks()).extracting(ActualState.Network::stack).containsOnly("itweb");
        assertThat(visible.images()).isEqualTo(Fixtures.matching(WEB, SHOP).images());
    }

    @Test
    void withThePrefixObjectsNotOwnedOrAdoptedInOtherStacksAreNotReportedEither() {
        ActualState actual = new ActualState(java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(),
                java.util.List.of(new ActualState.Unowned(ActualState.Kind.CONTAINER, "itweb-x-1", "itweb", false),
                        new ActualState.Unowned(ActualState.Kind.CONTAINER, "shop-api-1", "shop", true),
                        new ActualState.Unowned(ActualState.Kind.VOLUME, "loose", null, false)),
                java.util.List.of(new ActualState.Adopted(ActualState.Kind.NETWORK, "shop_default", "shop")));
        ActualState visible = StackScope.from(Map.of(StackScope.ENV, "it")).visible(actual);
        assertThat(visible.unowned()).extracting(ActualState.Unowned::name).containsExactly("itweb-x-1");
        assertThat(visible.adopted()).isEmpty();
    }

    @Test
    void aSelectedStackOutsideThePrefixIsAUsageError() {
        assertThatThrownBy(() -> StackScope.from(Map.of(StackScope.ENV, "it")).check(Fixtures.slice(WEB, SHOP)))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.USAGE);
                    assertThat(e.getMessage()).isEqualTo("stack shop is outside BARGE_STACK_PREFIX=it, so barge cannot"
                            + " see its containers: unset BARGE_STACK_PREFIX or rename the stack");
                });
    }

    @ParameterizedTest
    @CsvSource({"'', 30", "2s, 2", "1m30s, 90", "500ms, 0"})
    void theLockWaitIsThirtySecondsUnlessTheEnvironmentSaysOtherwise(String text, long seconds) {
        Map<String, String> env = text.isEmpty() ? Map.of() : Map.of(Reconciler.LOCK_WAIT_ENV, text);
        assertThat(Reconciler.lockWait(env).toSeconds()).isEqualTo(seconds);
    }

    @Test
    void aLockWaitThatIsNoDurationIsAUsageErrorNamingTheVariable() {
        assertThatThrownBy(() -> Reconciler.lockWait(Map.of(Reconciler.LOCK_WAIT_ENV, "soon")))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.USAGE);
                    assertThat(e.getMessage()).startsWith("BARGE_LOCK_WAIT: 'soon' is not a duration");
                });
        assertThat(Reconciler.lockWait(Map.of(Reconciler.LOCK_WAIT_ENV, "2s"))).isEqualTo(Duration.ofSeconds(2));
    }
}
