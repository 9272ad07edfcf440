package dev.barge.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.config.model.StackSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A stack as written. {@code compose} is the raw node: text for a repo-relative path, a mapping for an
 * inline spec, anything else already reported by the schema check. Pointers are into {@code doc}.
 * {@code healthSettle} is null where the stack does not set {@code health_settle}.
 */
record DeclaredStack(String name, JsonNode compose, Map<String, String> env, List<String> envFiles, StackSpec.Drift drift,
                     Duration healthTimeout, SourceDocument doc, String pointer, String composeKey, List<String> profiles,
                     Duration healthSettle) {
    DeclaredStack {
        env = Map.copyOf(env);
        envFiles = List.copyOf(envFiles);
        profiles = List.copyOf(profiles);
    }

    String composePointer() {
        return SourceDocument.child(pointer, composeKey);
    }

    String envFilePointer(int index) {
        return SourceDocument.child(SourceDocument.child(pointer, "env_files"), index);
    }
}
