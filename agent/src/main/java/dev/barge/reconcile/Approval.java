package dev.barge.reconcile;

import dev.barge.plan.Plan;
import java.util.Objects;

/**
 * Whether the plan made under the state lock may run. Decided before the lock is taken, so that the
 * agent (no terminal) and the CLI share one path and nobody reads stdin while holding the lock.
 */
public sealed interface Approval {

    /** Run whatever the plan under the lock is: the agent, and {@code --auto-approve}. */
    Approval AUTO = new Auto();

    /**
     * Run only a plan without changes, which needs nobody's yes: the CLI's first try, so that an apply with
     * nothing to do plans once, under the lock, and records; a plan with changes is shown and asked about.
     */
    Approval NOTHING_TO_DO = new NothingToDo();

    /** Run only the plan a human approved; a different plan under the lock changes nothing. */
    static Approval of(Plan approved) {
        return new OfPlan(approved);
    }

    /** True when {@code plan} (made under the lock) may run. */
    boolean allows(Plan plan);

    record Auto() implements Approval {
        @Override
        public boolean allows(Plan plan) {
            return true;
        }
    }

    record NothingToDo() implements Approval {
        @Override
        public boolean allows(Plan plan) {
            return !plan.hasChanges();
        }
    }

    /** @param approved the plan that was shown and accepted */
    record OfPlan(Plan approved) implements Approval {
        public OfPlan {
            Objects.requireNonNull(approved, "approved");
        }

        /** The same commit and the same changes, in the same order, for the same reasons. */
        @Override
        public boolean allows(Plan plan) {
            return Objects.equals(approved.commit(), plan.commit()) && approved.changes().equals(plan.changes());
        }
    }
}
