package dev.barge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.StackSpec;
import dev.barge.docker.ActualState;
import dev.barge.plan.Fixtures;
import dev.barge.plan.ServiceBuilder;
import org.junit.jupiter.api.Test;

class StackScopeTest {

    private static final StackSpec WEB = Fixtures.stack("itweb", ServiceBuilder.service("web").build());
    private static final StackSpec SHOP = Fixtures.stack("shop", ServiceBuilder.service("api").build());

    @Test
    void withoutThePrefixBargeSeesEveryStack() {
        ActualState actual = Fixtures.matching(WEB, SHOP);
        assertThat(StackScope.of("").visible(actual)).isSameAs(actual);
        StackScope.of(" ").check(Fixtures.slice(WEB, SHOP));
    }

    @Test
    void withThePrefixOtherStacksAreInvisibleSoTheyAreNeverPlannedForDeletion() {
        ActualState visible = StackScope.of("it").visible(Fixtures.matching(WEB, SHOP));
        assertThat(visible.containers()).extracting(ActualState.Container::stack).containsOnly("itweb");
        assertThat(visible.networks()).extracting(ActualState.Network::stack).containsOnly("itweb");
        assertThat(visible.images()).isEqualTo(Fixtures.matching(WEB, SHOP).images());
    }

    @Test
    void aSelectedStackOutsideThePrefixIsAUsageError() {
        assertThatThrownBy(() -> StackScope.of("it").check(Fixtures.slice(WEB, SHOP)))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.USAGE);
                    assertThat(e.getMessage()).isEqualTo("stack shop is outside BARGE_STACK_PREFIX=it, so barge cannot"
                            + " see its containers: unset BARGE_STACK_PREFIX or rename the stack");
                });
    }
}
