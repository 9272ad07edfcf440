package dev.barge.view;

import dev.barge.plan.SamplePlans;

/** Prints the sample plans' JSON; {@link PlanDeterminismTest} runs it in a second JVM. */
public final class PlanDeterminismMain {
    private PlanDeterminismMain() {
    }

    public static void main(String[] args) {
        System.out.print(PlanView.json(SamplePlans.rich()));
        System.out.print(PlanView.json(SamplePlans.unchanged()));
    }
}
