package dev.barge.config.compose;

import dev.barge.config.model.NetworkSpec;
import dev.barge.config.model.VolumeSpec;
import java.util.Map;
import java.util.Set;

/**
 * What a service may refer to: the other services and the top-level declarations of its compose file.
 * {@code containers} maps the name of each container barge runs for this file to its service.
 */
record Scope(ComposeParser.Context context, Set<String> services, Map<String, NetworkSpec> networks,
             Map<String, VolumeSpec> volumes, FileObjects configs, FileObjects secrets, Map<String, String> containers) {
}
