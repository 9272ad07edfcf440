package dev.barge.reconcile;

import dev.barge.config.model.BargeSettings.RegistryAuth;
import dev.barge.docker.ActualState;
import dev.barge.plan.Action;
import dev.barge.plan.Change;
import dev.barge.plan.ContainerChange;
import dev.barge.plan.Plan;
import dev.barge.plan.Reason;
import dev.barge.select.NodeSlice;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * The outcome of planning: what was read, what runs, and the plan that apply executes unchanged.
 *
 * @param note context a human should see with the plan (the node is pinned by a rollback, ...), or null
 */
public record Planned(Checkout checkout, NodeSlice slice, ActualState actual, Plan plan, List<RegistryAuth> registries,
                      String note) {

    /** The sha, or {@code local:<directory>} for a directory read as it is: what history records. */
    public String commit() {
        return Outcomes.commit(checkout);
    }

    /**
     * A hash of the node's desired state: every object the config asks for, with the spec hash of
     * each container (which takes secret values through the state dir's key only). Equal for equal
     * config, images pinned and secrets, whatever runs now; so a failed commit is not retried until
     * one of them changes.
     */
    public String desiredHash() {
        TreeSet<String> lines = new TreeSet<>();
        for (Change change : plan.changes()) {
            if (change.action() == Action.DELETE || change.reason() instanceof Reason.RemovedFromConfig) {
                continue; // what is gone from the config, whatever is left of it in the engine
            }
            String hash = change instanceof ContainerChange c ? c.specHash() : "";
            lines.add(change.address() + "=" + hash);
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            lines.forEach(line -> sha.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
