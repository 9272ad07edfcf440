package dev.barge.config.compose;

import dev.barge.config.model.ServiceSpec.Device;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What a host's policy is checked against: privileges, capabilities, devices, sysctls. */
final class SecurityKeys {
    private static final Pattern PERMISSIONS = Pattern.compile("[rwm]{1,3}");

    private SecurityKeys() {
    }

    static void register(Map<String, ServiceKey> keys) {
        keys.put("privileged", (v, d, s) -> d.privileged = Boolean.TRUE.equals(v.bool()));
        keys.put("cap_add", (v, d, s) -> d.capAdd.addAll(capabilities(v)));
        keys.put("cap_drop", (v, d, s) -> d.capDrop.addAll(capabilities(v)));
        keys.put("read_only", (v, d, s) -> d.readOnly = Boolean.TRUE.equals(v.bool()));
        keys.put("security_opt", (v, d, s) -> d.securityOpt.addAll(v.list()));
        keys.put("devices", (v, d, s) -> devices(v, d));
        keys.put("sysctls", (v, d, s) -> d.sysctls.putAll(KeyValues.strings(v, "sysctls", d)));
    }

    /** Names the engine knows, in any case, as apply takes them. */
    private static List<String> capabilities(Node node) {
        List<String> names = node.list();
        for (String name : node.sensitive() ? List.<String>of() : names) {
            if (!EngineNames.isCapability(name)) {
                node.report("capability " + name + " is unknown: use a Linux capability name such as NET_ADMIN (without CAP_)");
            }
        }
        return names;
    }

    /** {@code /dev/host[:/dev/container[:rwm]]}. */
    private static void devices(Node node, ServiceDraft draft) {
        if (!node.isArray()) {
            node.list();
            return;
        }
        for (Node item : node.items()) {
            String text = item.text();
            if (text == null) {
                if (item.absent()) {
                    item.expected("/dev/HOST[:/dev/CONTAINER[:rwm]]");
                }
                continue;
            }
            String[] parts = text.split(":", -1);
            String host = parts[0];
            // "/dev/x:rw" gives permissions without a container path, as docker reads it
            boolean permissionsSecond = parts.length == 2 && PERMISSIONS.matcher(parts[1]).matches();
            String container = parts.length > 1 && !permissionsSecond ? parts[1] : host;
            String permissions = parts.length > 2 ? parts[2] : permissionsSecond ? parts[1] : "rwm";
            if (parts.length > 3 || !host.startsWith("/") || !container.startsWith("/")
                    || !PERMISSIONS.matcher(permissions).matches()) {
                item.expected("/dev/HOST[:/dev/CONTAINER[:rwm]] with absolute paths");
                continue;
            }
            draft.devices.add(new Device(host, container, permissions));
        }
    }
}
