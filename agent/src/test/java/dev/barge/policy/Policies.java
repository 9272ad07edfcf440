package dev.barge.policy;

import dev.barge.config.model.AgentConfig.Policy;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Policies for tests: the defaults with one setting changed at a time. */
final class Policies {
    boolean allowPrivileged;
    boolean allowHostNetwork;
    List<Path> bindRoots = List.of(Path.of("/srv"));
    boolean allowDevices;
    Set<String> capabilities = Policy.DEFAULT_CAPABILITIES;
    Set<String> securityOpts = Policy.DEFAULT_SECURITY_OPTS;
    List<String> sysctls = Policy.DEFAULT_SYSCTLS;
    boolean allowVolumeDrivers;
    boolean allowNetworkDrivers;
    Set<String> externalVolumes = Set.of();
    Set<String> externalNetworks = Set.of();
    List<String> publishAddresses;
    Set<String> loggingDrivers = Policy.DEFAULT_LOGGING_DRIVERS;
    long maxTmpfsSize = Policy.DEFAULT_MAX_TMPFS_SIZE;
    Set<String> runtimes = Policy.DEFAULT_RUNTIMES;

    /** The defaults, with bind root /srv. */
    static Policies strict() {
        return new Policies();
    }

    Policy build() {
        return new Policy(allowPrivileged, allowHostNetwork, bindRoots, allowDevices, capabilities, securityOpts, sysctls,
                allowVolumeDrivers, allowNetworkDrivers, externalVolumes, externalNetworks, publishAddresses,
                loggingDrivers, maxTmpfsSize, runtimes);
    }
}
