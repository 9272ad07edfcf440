package dev.barge.diff;

import dev.barge.config.model.Fleet;
import dev.barge.select.NodeIdentity;
import java.util.ArrayList;
import java.util.List;

/**
 * A node the diff is computed for, standing for {@code count} nodes: 1 for a named node, the group's size
 * for an autoscaled group (whose members have no names, so a deployment's {@code nodes:} never takes them).
 */
public record Member(NodeIdentity node, int count, boolean group) {

    public String name() {
        return node.name();
    }

    /** Every node and group of the inventory, in its order. */
    public static List<Member> of(Fleet fleet) {
        List<Member> members = new ArrayList<>();
        fleet.nodes().forEach(n -> members.add(new Member(new NodeIdentity(n.name(), n.labels()), 1, false)));
        fleet.groups().forEach(g -> members.add(new Member(new NodeIdentity(g.name(), g.match()), g.count(), true)));
        return members;
    }
}
