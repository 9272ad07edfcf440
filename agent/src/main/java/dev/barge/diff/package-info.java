/**
 * The fleet preview ({@code barge diff}): for every node of the inventory, the desired state at two commits
 * (select and resolve, no Docker, no network), compared through the planner itself: the base commit's state
 * is what an apply of it leaves ({@link dev.barge.plan.AppliedState}), and the head's plan against it is the
 * change, with the planner's reasons and attribute diffs. Nodes with the same change are grouped.
 */
package dev.barge.diff;
