/**
 * The plan stage: a pure function from the node's desired stacks ({@link dev.barge.select.NodeSlice}),
 * what the engine runs ({@link dev.barge.docker.ActualState}) and what barge last applied
 * ({@link dev.barge.plan.PriorState}) to an immutable {@link dev.barge.plan.Plan}. No I/O, no clock,
 * no randomness: the same inputs give the same plan, byte for byte, on every JVM. The same Plan value
 * is what {@code barge plan} renders and what {@code barge apply} executes.
 */
package dev.barge.plan;
