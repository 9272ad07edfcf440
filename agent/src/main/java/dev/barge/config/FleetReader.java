package dev.barge.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.config.model.Deployment;
import dev.barge.config.model.DesiredState;
import dev.barge.config.model.Fleet;
import dev.barge.config.model.Origin;
import dev.barge.tree.FileTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code fleet.yaml} (schema/fleet.schema.json): the inventory {@code barge diff} compares nodes of. */
public final class FleetReader {
    private FleetReader() {
    }

    /**
     * The inventory, or empty when the repo has none.
     *
     * @throws InvalidConfigException with every problem in the file, each with its line
     */
    public static Optional<Fleet> read(FileTree tree) {
        Optional<byte[]> content = tree.read(Fleet.FILE);
        if (content.isEmpty()) {
            return Optional.empty();
        }
        Problems problems = new Problems();
        List<SourceDocument> docs = DocumentReader.readYaml(Fleet.FILE, content.get(), problems);
        problems.throwIfAny();
        if (docs.size() != 1) {
            problems.add(Fleet.FILE, 1, "", "holds " + docs.size() + " YAML documents: the inventory is one document");
            problems.throwIfAny();
        }
        SourceDocument doc = docs.get(0);
        if (doc.root().isNull()) {
            return Optional.of(Fleet.NONE);
        }
        if (!SchemaCheck.FLEET.check(doc, problems)) {
            problems.throwIfAny();
        }
        List<Fleet.Node> nodes = new ArrayList<>();
        List<Fleet.Group> groups = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        JsonNode list = doc.root().path("nodes");
        for (int i = 0; i < list.size(); i++) {
            String pointer = "/nodes/" + i;
            String name = list.get(i).path("name").asText();
            Origin origin = new Origin(Fleet.FILE, doc.lineOf(pointer));
            unique(name, pointer, origin, seen, doc, problems);
            nodes.add(new Fleet.Node(name, labels(list.get(i).path("labels")), origin));
        }
        JsonNode groupList = doc.root().path("groups");
        for (int i = 0; i < groupList.size(); i++) {
            String pointer = "/groups/" + i;
            JsonNode g = groupList.get(i);
            String name = g.path("name").asText();
            Origin origin = new Origin(Fleet.FILE, doc.lineOf(pointer));
            unique(name, pointer, origin, seen, doc, problems);
            groups.add(new Fleet.Group(name, labels(g.path("match")), g.path("count").asInt(), origin));
        }
        problems.throwIfAny();
        return Optional.of(new Fleet(nodes, groups));
    }

    /**
     * A warning per name in a deployment's {@code nodes:} that the inventory does not know: a typo there
     * silently deploys to no node, which an inventory can tell.
     */
    public static List<String> unknownNodes(DesiredState state, Fleet fleet) {
        List<String> warnings = new ArrayList<>();
        for (Deployment d : state.deployments()) {
            for (String node : d.nodes()) {
                if (!fleet.knows(node)) {
                    warnings.add(d.origin() + ": deployment " + d.name() + " names node " + node + ", which "
                            + Fleet.FILE + " does not list: fix the name, or add the node to " + Fleet.FILE);
                }
            }
        }
        return warnings;
    }

    private static void unique(String name, String pointer, Origin origin, Map<String, String> seen, SourceDocument doc,
                               Problems problems) {
        String first = seen.putIfAbsent(name, origin.toString());
        if (first != null) {
            problems.add(doc, pointer + "/name", "node or group " + name + " is already listed at " + first
                    + ": names are unique in " + Fleet.FILE);
        }
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.properties().forEach(e -> labels.put(e.getKey(), Scalars.text(e.getValue())));
        return labels;
    }
}
