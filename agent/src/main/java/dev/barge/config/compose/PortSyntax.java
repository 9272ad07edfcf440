package dev.barge.config.compose;

import dev.barge.config.model.ServiceSpec.PortMapping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ports} in short syntax ({@code 80}, {@code 8080:80}, {@code 127.0.0.1:8080:80}, {@code 127.0.0.1::80},
 * {@code [::1]:8080:80}, {@code 8000-8002:8000-8002}, {@code 53:53/udp}) and long syntax, and {@code expose}.
 * A range becomes one mapping per port.
 */
final class PortSyntax {
    private static final Pattern RANGE = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");
    private static final Pattern EXPOSE = Pattern.compile("\\d{1,5}(-\\d{1,5})?(/(tcp|udp|sctp))?");
    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");
    private static final String SHORT = "a port such as 80, 8080:80, 127.0.0.1:8080:80 or 53:53/udp";

    private PortSyntax() {
    }

    static void register(Map<String, ServiceKey> keys) {
        keys.put("ports", (v, d, s) -> d.ports.addAll(ports(v)));
        keys.put("expose", (v, d, s) -> d.expose.addAll(expose(v)));
    }

    static List<PortMapping> ports(Node node) {
        List<PortMapping> ports = new ArrayList<>();
        if (!node.isArray()) {
            if (!node.absent()) {
                node.expected("a list of ports");
            }
            return ports;
        }
        for (Node item : node.items()) {
            ports.addAll(item.isObject() ? longSyntax(item) : shortSyntax(item));
        }
        return ports;
    }

    private static List<PortMapping> shortSyntax(Node item) {
        String text = item.text();
        if (text == null) {
            return item.absent() ? bad(item, SHORT) : List.of();
        }
        String spec = text.strip();
        String protocol = "tcp";
        int slash = spec.lastIndexOf('/');
        if (slash >= 0) {
            protocol = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
            spec = spec.substring(0, slash);
            if (!PROTOCOLS.contains(protocol)) {
                return bad(item, "a port with protocol tcp, udp or sctp");
            }
        }
        // as docker splits it: the last part is the container port, the one before it the host port, the rest the IP
        String[] parts = spec.split(":", -1);
        int n = parts.length;
        String ip = n > 2 ? String.join(":", Arrays.copyOfRange(parts, 0, n - 2)) : null;
        if (ip != null && ip.isEmpty()) {
            ip = null; // ":8080:80": docker reads an empty IP as every address, as if none were written
        }
        String published = n > 1 ? parts[n - 2] : "";
        int[] container = range(parts[n - 1]);
        int[] host = published.isEmpty() ? null : range(published);
        if (container == null || !published.isEmpty() && host == null) {
            return bad(item, SHORT + " (ports 1-65535)");
        }
        if (ip != null) {
            ip = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
            if (!IpAddresses.isIp(ip)) {
                return bad(item, SHORT + " (with an IP address before the host port)");
            }
        }
        if (host != null && host[1] - host[0] != container[1] - container[0]) {
            return bad(item, SHORT + " (a host range must be as long as the container range)");
        }
        List<PortMapping> mappings = new ArrayList<>();
        for (int i = 0; i <= container[1] - container[0]; i++) {
            mappings.add(new PortMapping(ip, host == null ? null : host[0] + i, container[0] + i, protocol));
        }
        return mappings;
    }

    private static List<PortMapping> bad(Node item, String expectation) {
        item.expected(expectation);
        return List.of();
    }

    private static List<PortMapping> longSyntax(Node item) {
        item.onlyKeys(Set.of("target", "published", "host_ip", "protocol", "mode"));
        Integer target = port(item.child("target"));
        if (target == null && item.child("target").absent()) {
            item.report("a port needs target: the container port");
        }
        Integer published = port(item.child("published"));
        String protocol = item.child("protocol").text();
        if (protocol != null && !PROTOCOLS.contains(protocol.toLowerCase(Locale.ROOT))) {
            item.child("protocol").expected("tcp, udp or sctp");
            return List.of();
        }
        String mode = item.child("mode").text();
        if (mode != null && !mode.equals("host") && !mode.equals("ingress")) {
            item.child("mode").expected("host or ingress");
        }
        if (target == null) {
            return List.of();
        }
        String hostIp = item.child("host_ip").text();
        if (hostIp != null && !IpAddresses.isIp(hostIp)) {
            item.child("host_ip").expected("an IP address such as 127.0.0.1");
            return List.of();
        }
        return List.of(new PortMapping(hostIp, published, target,
                protocol == null ? "tcp" : protocol.toLowerCase(Locale.ROOT)));
    }

    private static Integer port(Node node) {
        if (node.absent()) {
            return null;
        }
        String text = node.text();
        int[] range = text == null ? null : range(text.strip());
        if (range == null || range[0] != range[1]) {
            return node.expected("a port number 1-65535");
        }
        return range[0];
    }

    /** {@code [first, last]} of "80" or "8000-8002", or null when not a valid range of ports. */
    private static int[] range(String text) {
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int first = Integer.parseInt(m.group(1));
        int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
        return first < 1 || last > 65535 || last < first ? null : new int[] {first, last};
    }

    private static List<String> expose(Node node) {
        List<String> ports = new ArrayList<>();
        if (!node.isArray()) {
            node.list();
            return ports;
        }
        for (Node item : node.items()) {
            String text = item.text();
            if (text == null || !EXPOSE.matcher(text.strip()).matches()) {
                if (text != null || item.absent()) {
                    item.expected("a port such as 80, 80/udp or 8000-8010");
                }
                continue;
            }
            ports.add(text.strip());
        }
        return ports;
    }
}
