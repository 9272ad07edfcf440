package dev.barge.config;

import java.util.List;
import java.util.Map;

/**
 * A deployment as written, in either format, before its stacks' compose files are read. {@code name}
 * is null when the document has none (the schema check has reported it). {@code pointer} locates the
 * deployment in {@code doc}: "" for a barge document, {@code /deploy_configs/<name>} for Hikari's.
 */
record DeclaredDeployment(String name, Map<String, List<String>> match, List<String> nodes,
                          List<DeclaredStack> stacks, SourceDocument doc, String pointer) {
    DeclaredDeployment {
        match = Map.copyOf(match);
        nodes = List.copyOf(nodes);
        stacks = List.copyOf(stacks);
    }

    /** The pointer of the node that names the deployment, where a duplicate name is reported. */
    String namePointer() {
        return pointer.isEmpty() ? "/deployment" : pointer;
    }
}
