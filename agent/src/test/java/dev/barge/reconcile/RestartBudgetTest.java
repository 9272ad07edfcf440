package dev.barge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.reconcile.RestartBudget.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartBudgetTest {
    private final FakeClock clock = new FakeClock();
    private final RestartBudget budget = new RestartBudget(clock);

    @Test
    void fiveCorrectionsInFiveMinutesThenGivenUpUntilANewCommit() {
        for (int i = 0; i < 5; i++) {
            assertThat(budget.tryCorrect("web/app")).isEqualTo(Verdict.CORRECT);
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(budget.tryCorrect("web/app")).isEqualTo(Verdict.EXHAUSTED);
        assertThat(budget.tryCorrect("web/app")).isEqualTo(Verdict.GIVEN_UP);
        clock.advance(Duration.ofHours(1));
        assertThat(budget.tryCorrect("web/app")).as("waits for a new commit, not for time").isEqualTo(Verdict.GIVEN_UP);
        assertThat(budget.givenUp()).containsExactly("web/app");

        budget.reset();
        assertThat(budget.tryCorrect("web/app")).isEqualTo(Verdict.CORRECT);
    }

    @Test
    void correctionsOlderThanTheWindowNoLongerCount() {
        for (int i = 0; i < 5; i++) {
            assertThat(budget.tryCorrect("web/app")).isEqualTo(Verdict.CORRECT);
            clock.advance(Duration.ofMinutes(1));
        }
        // the first one is now exactly five minutes old
        assertThat(budget.tryCorrect("web/app")).isEqualTo(Verdict.CORRECT);
    }

    @Test
    void eachServiceHasItsOwnBudget() {
        for (int i = 0; i < 5; i++) {
            budget.tryCorrect("web/app");
        }
        assertThat(budget.tryCorrect("web/app")).isEqualTo(Verdict.EXHAUSTED);
        assertThat(budget.tryCorrect("web/db")).isEqualTo(Verdict.CORRECT);
    }
}
