package dev.barge.config.compose;

import dev.barge.config.model.ServiceSpec.Logging;
import dev.barge.config.model.ServiceSpec.PullPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The plain service keys: what runs, how it restarts and is pulled, its labels, logging and name lookup. */
final class CoreKeys {
    private static final Pattern CONTAINER_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    // the retry count is an int for the engine: nine digits at most
    private static final Pattern RESTART = Pattern.compile("no|always|unless-stopped|on-failure(:\\d{1,9})?");

    private CoreKeys() {
    }

    static void register(Map<String, ServiceKey> keys) {
        keys.put("image", (v, d, s) -> d.image = image(v));
        keys.put("container_name", (v, d, s) -> d.containerName = v.sensitive() ? v.name() : matching(v, CONTAINER_NAME,
                "a container name made of letters, digits, '_', '.' and '-'"));
        keys.put("command", (v, d, s) -> d.command = commandLine(v));
        keys.put("entrypoint", (v, d, s) -> d.entrypoint = commandLine(v));
        keys.put("restart", (v, d, s) -> d.restart = matching(v, RESTART,
                "one of no, always, on-failure, on-failure:N (N up to 999999999), unless-stopped"));
        keys.put("pull_policy", (v, d, s) -> d.pullPolicy = pullPolicy(v));
        keys.put("labels", (v, d, s) -> d.labels.putAll(KeyValues.strings(v, "labels", d)));
        keys.put("user", (v, d, s) -> d.user = v.text());
        keys.put("working_dir", (v, d, s) -> d.workingDir = v.text());
        keys.put("hostname", (v, d, s) -> d.hostname = v.text());
        keys.put("tty", (v, d, s) -> d.tty = Boolean.TRUE.equals(v.bool()));
        keys.put("stdin_open", (v, d, s) -> d.stdinOpen = Boolean.TRUE.equals(v.bool()));
        keys.put("init", (v, d, s) -> d.init = v.bool());
        keys.put("stop_signal", (v, d, s) -> d.stopSignal = v.text());
        keys.put("stop_grace_period", (v, d, s) -> d.stopGracePeriod = v.duration());
        keys.put("logging", (v, d, s) -> d.logging = logging(v));
        keys.put("extra_hosts", (v, d, s) -> d.extraHosts.addAll(extraHosts(v)));
        keys.put("dns", (v, d, s) -> d.dns.addAll(dns(v)));
    }

    private static List<String> dns(Node node) {
        List<String> servers = node.textList();
        if (!servers.stream().allMatch(IpAddresses::isIp)) {
            node.expected("IP addresses of DNS servers");
            return List.of();
        }
        return servers;
    }

    private static String image(Node node) {
        String image = node.text();
        if (image != null && (image.isBlank() || image.chars().anyMatch(Character::isWhitespace))) {
            return node.expected("an image reference such as nginx:1.27");
        }
        return image;
    }

    static String matching(Node node, Pattern pattern, String expectation) {
        String text = node.text();
        return text == null || pattern.matcher(text).matches() ? text : node.expected(expectation);
    }

    /** A string is split into words as a shell would, without expansion; a list is taken as is. */
    static List<String> commandLine(Node node) {
        if (node.absent()) {
            return null;
        }
        if (node.isArray()) {
            return node.list();
        }
        String line = node.text();
        if (line == null) {
            return null;
        }
        return ShellWords.split(line).orElseGet(() -> {
            node.report("a quote is not closed; close it, or write the command as a list");
            return null;
        });
    }

    private static PullPolicy pullPolicy(Node node) {
        String text = node.text();
        if (text == null) {
            return PullPolicy.MISSING;
        }
        return switch (text) {
            case "always" -> PullPolicy.ALWAYS;
            case "missing", "if_not_present" -> PullPolicy.MISSING;
            case "never" -> PullPolicy.NEVER;
            case "build" -> {
                node.report("barge does not build images; push the image to a registry and use pull_policy: missing");
                yield PullPolicy.MISSING;
            }
            default -> {
                node.expected("one of always, missing, never, if_not_present");
                yield PullPolicy.MISSING;
            }
        };
    }

    private static Logging logging(Node node) {
        if (!node.object()) {
            return null;
        }
        node.onlyKeys(Set.of("driver", "options"));
        String driver = node.child("driver").text();
        if (driver != null && !node.child("driver").sensitive() && !EngineNames.LOGGING_DRIVERS.contains(driver)) {
            node.child("driver").report("logging driver " + driver + " is not supported: use json-file, local, syslog,"
                    + " journald, gelf, fluentd, awslogs, splunk, gcplogs, loki or none");
        }
        return new Logging(driver, KeyValues.strings(node.child("options")));
    }

    /** {@code host:ip} or {@code host=ip} items, or a mapping of host to ip; kept as {@code host:ip}. */
    private static List<String> extraHosts(Node node) {
        List<String> hosts = new ArrayList<>();
        if (node.isObject()) {
            for (KeyValues.Entry entry : KeyValues.read(node)) {
                if (entry.value() == null || !IpAddresses.isIp(entry.value()) && !entry.value().equals("host-gateway")) {
                    entry.node().expected("an IP address");
                } else {
                    hosts.add(entry.key() + ":" + entry.value());
                }
            }
            return hosts;
        }
        if (!node.isArray()) {
            node.list();
            return hosts;
        }
        for (Node item : node.items()) {
            String text = item.text();
            if (text == null) {
                if (item.absent()) {
                    item.expected("HOST:IP");
                }
                continue;
            }
            int eq = text.indexOf('=');
            int sep = eq >= 0 ? eq : text.indexOf(':');
            String address = sep <= 0 ? "" : text.substring(sep + 1);
            if (sep <= 0 || !IpAddresses.isIp(address) && !address.equals("host-gateway")) {
                item.expected("HOST:IP with an IP address (or host-gateway)");
            } else {
                hosts.add(text.substring(0, sep) + ":" + text.substring(sep + 1));
            }
        }
        return hosts;
    }
}
