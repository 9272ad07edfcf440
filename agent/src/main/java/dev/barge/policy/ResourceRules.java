package dev.barge.policy;

import dev.barge.config.compose.ByteSizes;
import dev.barge.config.model.AgentConfig.Policy;
import dev.barge.config.model.NetworkSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.config.model.VolumeSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The policy against a stack's top-level networks and volumes: what barge would create (drivers and
 * their options) and what it would join or mount by name (the host's network, another stack's or a
 * foreign volume). A stack's own objects are named {@code <stack>_...}; an external object, or any
 * other engine name, is someone else's and needs the host's allow-list.
 */
final class ResourceRules {
    /** Network drivers that put a container on the host's own network or its links. */
    private static final Set<String> HOST_NETWORK_DRIVERS = Set.of("host", "macvlan", "ipvlan");
    /** Bridge options that change nothing outside the network itself. */
    private static final Set<String> HARMLESS_BRIDGE_OPTIONS = Set.of("com.docker.network.driver.mtu",
            "com.docker.network.bridge.enable_icc");

    private final StackSpec stack;
    private final Policy policy;
    private final BindRoots roots;
    private final Consumer<Violation> found;

    ResourceRules(StackSpec stack, Policy policy, BindRoots roots, Consumer<Violation> found) {
        this.stack = stack;
        this.policy = policy;
        this.roots = roots;
        this.found = found;
    }

    void check() {
        stack.project().networks().values().forEach(this::network);
        stack.project().volumes().values().forEach(this::volume);
    }

    private void network(NetworkSpec n) {
        String at = "/networks/" + ServiceRules.escape(n.key());
        String driver = n.driver() == null ? "bridge" : n.driver();
        boolean hostName = "host".equals(n.name());
        if ((hostName || HOST_NETWORK_DRIVERS.contains(driver)) && !policy.allowHostNetwork()) {
            refuse("network", n.key(), at, hostName ? "the network named host, which is the host's own network"
                    : "driver " + driver + ", which attaches containers to the host's network", "allow_host_network");
        }
        if (!hostName && (n.external() || !own(n.name())) && !policy.externalNetworks().contains(n.name())) {
            refuse("network", n.key(), at + (n.external() ? "/external" : "/name"), (n.external() ? "the external network "
                    : "the network named ") + n.name() + (n.external() ? "" : " (not this stack's own " + stack.name() + "_...)")
                    + ", which this host's policy does not list", "external_networks");
        }
        if (!driver.equals("bridge") && !HOST_NETWORK_DRIVERS.contains(driver) && !policy.allowNetworkDrivers()) {
            refuse("network", n.key(), at + "/driver", "driver " + driver + ", which this host's policy forbids",
                    "allow_network_drivers");
        }
        if (driver.equals("bridge") && !policy.allowNetworkDrivers()) {
            List<String> options = n.driverOpts().keySet().stream().filter(k -> !HARMLESS_BRIDGE_OPTIONS.contains(k)).toList();
            if (!options.isEmpty()) {
                refuse("network", n.key(), at + "/driver_opts", "driver_opts " + String.join(", ", options)
                        + ", which this host's policy forbids", "allow_network_drivers");
            }
        }
    }

    private void volume(VolumeSpec v) {
        String at = "/volumes/" + ServiceRules.escape(v.key());
        if ((v.external() || !own(v.name())) && !policy.externalVolumes().contains(v.name())) {
            refuse("volume", v.key(), at + (v.external() ? "/external" : "/name"), (v.external() ? "the external volume "
                    : "the volume named ") + v.name() + (v.external() ? "" : " (not this stack's own " + stack.name() + "_...)")
                    + ", which this host's policy does not list", "external_volumes");
        }
        String driver = v.driver() == null ? "local" : v.driver();
        if (!driver.equals("local")) {
            if (!policy.allowVolumeDrivers()) {
                refuse("volume", v.key(), at + "/driver", "driver " + driver + ", which this host's policy forbids",
                        "allow_volume_drivers");
            }
            return;
        }
        localOptions(v, at + "/driver_opts");
    }

    /**
     * The local driver mounts {@code device} with {@code type} and {@code o}: a bind when o says bind
     * (or type is none), which must stay under the bind roots like any bind; a tmpfs, bounded like
     * any tmpfs; anything else mounts a filesystem (NFS, CIFS, a block device).
     */
    private void localOptions(VolumeSpec v, String at) {
        Map<String, String> opts = v.driverOpts();
        if (opts.isEmpty()) {
            return;
        }
        String type = opts.get("type");
        List<String> o = opts.get("o") == null ? List.of() : Arrays.stream(opts.get("o").split(",")).map(String::strip).toList();
        String device = opts.get("device");
        if ("none".equals(type) || o.contains("bind") || o.contains("rbind")) {
            bindDevice(v, at, device);
        } else if ("tmpfs".equals(type)) {
            OptionalLong size = o.stream().filter(x -> x.startsWith("size=")).map(x -> ByteSizes.parse(x.substring(5)))
                    .filter(OptionalLong::isPresent).findFirst().orElse(OptionalLong.empty());
            if (size.isEmpty()) {
                refuse("volume", v.key(), at, "a tmpfs without a size (set o: size=..., at most "
                        + Sizes.text(policy.maxTmpfsSize()) + ")", "max_tmpfs_size");
            } else if (size.getAsLong() > policy.maxTmpfsSize()) {
                refuse("volume", v.key(), at, "a tmpfs of " + Sizes.text(size.getAsLong()) + ", more than "
                        + Sizes.text(policy.maxTmpfsSize()), "max_tmpfs_size");
            }
        } else if (!policy.allowVolumeDrivers()) {
            refuse("volume", v.key(), at, "driver_opts that mount a filesystem" + (type == null ? "" : " of type " + type)
                    + (o.stream().anyMatch(x -> x.startsWith("addr=")) ? " from a remote address" : "")
                    + ", which this host's policy forbids", "allow_volume_drivers");
        }
    }

    /** Unlike a bind source, the engine does not clean a device path: the kernel resolves it as written. */
    private void bindDevice(VolumeSpec v, String at, String device) {
        if (device == null) {
            return;
        }
        String text = "driver_opts that bind " + device;
        boolean plain = device.startsWith("/")
                && Arrays.stream(device.split("/")).noneMatch(s -> s.equals(".") || s.equals(".."));
        if (!plain) {
            refuse("volume", v.key(), at + "/device", text + ", not a plain absolute path, which bind roots "
                    + roots + " cannot contain", "bind_roots");
            return;
        }
        roots.outside(device).ifPresent(why -> refuse("volume", v.key(), at + "/device",
                text + why + " outside this host's bind roots " + roots, "bind_roots"));
    }

    private boolean own(String engineName) {
        return engineName.startsWith(stack.name() + "_");
    }

    private void refuse(String kind, String key, String pointer, String what, String setting) {
        found.accept(new Violation(stack.name(), null, pointer, kind + " " + stack.name() + "/" + key + " asks for " + what,
                setting));
    }
}
