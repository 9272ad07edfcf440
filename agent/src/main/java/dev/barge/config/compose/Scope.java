package dev.barge.config.compose;

import dev.barge.config.model.NetworkSpec;
import dev.barge.config.model.VolumeSpec;
import java.util.Map;
import java.util.Set;

/** What a service may refer to: the other services and the top-level declarations of its compose file. */
record Scope(ComposeParser.Context context, Set<String> services, Map<String, NetworkSpec> networks,
             Map<String, VolumeSpec> volumes, FileObjects configs, FileObjects secrets) {
}
