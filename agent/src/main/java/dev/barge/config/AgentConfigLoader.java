package dev.barge.config;

import dev.barge.tree.RepoPaths;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.barge.BargeException;
import dev.barge.config.compose.ByteSizes;
import dev.barge.config.model.AgentConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the agent config of a node, validated by {@code schema/agent.schema.json}. Defaults: node name =
 * host name, branch main, path ".", poll_interval 30s, timeout 60s, max_file_size 4 MiB, max_total_size 64 MiB,
 * state_dir /var/lib/barge, no auth, no verification, no age identities, the most restrictive policy, on_failure rollback. Relative paths are resolved against
 * the config file's directory. {@link AgentConfig#source()} is null when the file has no {@code source:}
 * (the CLI then needs {@code --repo}); {@link AgentConfig#server()} is null when there is no {@code server:}.
 */
public final class AgentConfigLoader {
    public static final String DEFAULT_BRANCH = "main";
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private AgentConfigLoader() {
    }

    /**
     * @throws InvalidConfigException with every problem (file is the path as given) when the config is invalid
     * @throws BargeException         BAD_INPUT when the file does not exist or cannot be read
     */
    public static AgentConfig load(Path file) {
        byte[] content = read(file);
        Problems problems = new Problems();
        String name = file.toString();
        List<SourceDocument> docs = DocumentReader.read(name, content, problems);
        if (docs.size() > 1) {
            problems.add(docs.get(1), "", "an agent config holds one YAML document; remove the second one");
        }
        SourceDocument doc = docs.isEmpty() ? null : docs.get(0);
        if (doc != null && !doc.root().isNull()) {
            SchemaCheck.AGENT.check(doc, problems);
        }
        problems.throwIfAny();
        JsonNode root = doc == null ? MissingNode.getInstance() : doc.root();
        Path dir = file.toAbsolutePath().normalize().getParent();
        AgentConfig config = new AgentConfig(
                node(name, doc, root.path("node"), problems),
                source(doc, root.path("source"), dir, problems),
                new AgentConfig.Secrets(paths(root.path("secrets").path("age_identities"), dir)),
                policy(doc, root.path("policy"), problems),
                path(root.get("state_dir"), dir, AgentConfig.DEFAULT_STATE_DIR),
                server(root.path("server"), dir),
                apply(doc, root.path("apply"), problems),
                "stop".equals(root.path("on_failure").asText()) ? AgentConfig.OnFailure.STOP : AgentConfig.OnFailure.ROLLBACK,
                notify(doc, root.path("notify"), dir, problems));
        problems.throwIfAny();
        return config;
    }

    private static byte[] read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw BargeException.badInput("agent config " + file + " does not exist: create it (see examples/agent.yaml)"
                    + " or pass --config");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw BargeException.badInput("cannot read agent config " + file + ": " + e.getMessage()
                    + "; check its permissions");
        }
    }

    private static AgentConfig.Node node(String file, SourceDocument doc, JsonNode node, Problems problems) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.path("labels").properties().forEach(e -> labels.put(e.getKey(), Scalars.text(e.getValue())));
        String name = node.path("name").isTextual() ? node.path("name").asText() : hostName();
        if (name == null) {
            problems.add(file, doc == null ? 0 : doc.lineOf("/node"), "/node/name",
                    "node.name is not set and this host's name cannot be read: set node.name");
        }
        return new AgentConfig.Node(name, labels);
    }

    private static AgentConfig.Source source(SourceDocument doc, JsonNode source, Path dir, Problems problems) {
        if (!source.isObject()) {
            return null;
        }
        String url;
        try {
            url = SourceUrl.normalize(source.path("url").asText(), dir);
        } catch (IllegalArgumentException e) {
            problems.add(doc, "/source/url", e.getMessage());
            url = source.path("url").asText();
        }
        AgentConfig.Auth auth = AuthReader.read(doc, source.path("auth"), dir, SourceUrl.isSsh(url), problems);
        AgentConfig.Verify verify = null;
        JsonNode v = source.path("verify");
        if (v.isObject()) {
            verify = new AgentConfig.Verify(path(v.get("allowed_signers"), dir, null), paths(v.path("gpg_keys"), dir));
            if (verify.allowedSigners() == null && verify.gpgKeys().isEmpty()) {
                problems.add(doc, "/source/verify", "verify needs allowed_signers or gpg_keys (or remove verify)");
            }
        }
        Duration poll = DeploymentReader.duration(source.get("poll_interval"), DEFAULT_POLL_INTERVAL);
        if (poll.isZero()) {
            problems.add(doc, "/source/poll_interval", "poll_interval must be more than 0s");
        }
        Duration timeout = DeploymentReader.duration(source.get("timeout"), DEFAULT_TIMEOUT);
        if (timeout.isZero()) {
            problems.add(doc, "/source/timeout", "timeout must be more than 0s");
        }
        String branch = source.path("branch").asText(DEFAULT_BRANCH);
        String path = source.path("path").asText(".");
        if (RepoPaths.resolve("", path).isEmpty()) {
            problems.add(doc, "/source/path", "path " + path + " leaves the repository: give a directory inside it, relative to its root");
        }
        AgentConfig.ReadLimits limits = new AgentConfig.ReadLimits(
                size(doc, source, "max_file_size", AgentConfig.ReadLimits.DEFAULTS.maxFileSize(), problems),
                size(doc, source, "max_total_size", AgentConfig.ReadLimits.DEFAULTS.maxTotalSize(), problems));
        return new AgentConfig.Source(url, branch, path, poll, auth, verify, timeout, limits,
                source.path("allow_force_push").asBoolean(false), source.path("allow_insecure_transport").asBoolean(false));
    }

    /** A size setting of source: (512k, 8m, 1g or a number of bytes), more than 0. */
    private static long size(SourceDocument doc, JsonNode source, String key, long fallback, Problems problems) {
        JsonNode value = source.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        OptionalLong bytes = value.canConvertToLong() ? OptionalLong.of(value.asLong()) : ByteSizes.parse(value.asText());
        if (bytes.isEmpty() || bytes.getAsLong() <= 0) {
            problems.add(doc, "/source/" + key, key + " must be " + ByteSizes.EXPECTED + ", more than 0");
            return fallback;
        }
        return bytes.getAsLong();
    }

    /** Absent keys take {@link AgentConfig.Policy}'s defaults; an empty list allows nothing of its kind. */
    private static AgentConfig.Policy policy(SourceDocument doc, JsonNode policy, Problems problems) {
        List<Path> roots = new ArrayList<>();
        policy.path("bind_roots").forEach(root -> roots.add(Path.of(root.asText()).normalize()));
        long maxTmpfs = AgentConfig.Policy.DEFAULT_MAX_TMPFS_SIZE;
        JsonNode size = policy.get("max_tmpfs_size");
        if (size != null && !size.isNull()) {
            OptionalLong parsed = ByteSizes.parse(size.asText());
            if (parsed.isEmpty()) {
                problems.add(doc, "/policy/max_tmpfs_size", "max_tmpfs_size must be " + ByteSizes.EXPECTED);
            } else {
                maxTmpfs = parsed.getAsLong();
            }
        }
        JsonNode publish = policy.get("publish_addresses");
        return new AgentConfig.Policy(policy.path("allow_privileged").asBoolean(false),
                policy.path("allow_host_network").asBoolean(false), roots, policy.path("allow_devices").asBoolean(false),
                new TreeSet<>(strings(policy.get("allowed_capabilities"), AgentConfig.Policy.DEFAULT_CAPABILITIES)),
                new TreeSet<>(strings(policy.get("allowed_security_opts"), AgentConfig.Policy.DEFAULT_SECURITY_OPTS)),
                List.copyOf(strings(policy.get("allowed_sysctls"), AgentConfig.Policy.DEFAULT_SYSCTLS)),
                policy.path("allow_volume_drivers").asBoolean(false),
                policy.path("allow_network_drivers").asBoolean(false),
                new TreeSet<>(strings(policy.get("external_volumes"), Set.of())),
                new TreeSet<>(strings(policy.get("external_networks"), Set.of())),
                publish == null || publish.isNull() ? null : List.copyOf(strings(publish, List.of())),
                new TreeSet<>(strings(policy.get("logging_drivers"), AgentConfig.Policy.DEFAULT_LOGGING_DRIVERS)),
                maxTmpfs, new TreeSet<>(strings(policy.get("allowed_runtimes"), AgentConfig.Policy.DEFAULT_RUNTIMES)));
    }

    /** The strings of a list, or {@code fallback} when the key is absent. */
    private static Collection<String> strings(JsonNode array, Collection<String> fallback) {
        if (array == null || array.isNull()) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }

    private static AgentConfig.Apply apply(SourceDocument doc, JsonNode apply, Problems problems) {
        if (!apply.isObject()) {
            return AgentConfig.Apply.DEFAULTS;
        }
        Duration settle = DeploymentReader.duration(apply.get("settle_time"), null);
        Duration health = DeploymentReader.duration(apply.get("health_timeout"), null);
        if (health != null && health.isZero()) {
            problems.add(doc, "/apply/health_timeout", "health_timeout must be more than 0s");
        }
        Integer pulls = count(doc, apply, "pull_parallelism", "pull at least 1 image at a time", problems);
        Integer changes = count(doc, apply, "parallelism", "apply at least 1 change at a time", problems);
        return new AgentConfig.Apply(settle, pulls, health, changes);
    }

    private static Integer count(SourceDocument doc, JsonNode apply, String key, String hint, Problems problems) {
        JsonNode node = apply.get(key);
        Integer n = node == null || !node.canConvertToInt() ? null : node.intValue();
        if (n != null && n < 1) {
            problems.add(doc, "/apply/" + key, key + " is " + n + ": " + hint);
        }
        return n;
    }

    private static AgentConfig.Server server(JsonNode server, Path dir) {
        if (!server.isObject()) {
            return null;
        }
        return new AgentConfig.Server(server.path("listen").asText(AgentConfig.Server.DEFAULT_LISTEN),
                path(server.get("webhook_secret_file"), dir, null), path(server.get("token_file"), dir, null));
    }

    /** The schema checked the shape; the URL must also parse, with a host, over http or https. */
    private static List<AgentConfig.Notify> notify(SourceDocument doc, JsonNode targets, Path dir, Problems problems) {
        List<AgentConfig.Notify> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            JsonNode target = targets.get(i);
            String text = target.path("url").asText();
            java.net.URI url;
            try {
                url = new java.net.URI(text);
            } catch (java.net.URISyntaxException e) {
                url = null;
            }
            if (url == null || url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                // never quote the URL: a Slack incoming-webhook URL is itself a secret
                problems.add(doc, "/notify/" + i + "/url", "notify[" + i + "].url is not an http:// or https:// URL"
                        + " with a host: give the receiver's full URL");
                continue;
            }
            AgentConfig.Notify.Kind kind = "slack".equals(target.path("type").asText())
                    ? AgentConfig.Notify.Kind.SLACK : AgentConfig.Notify.Kind.WEBHOOK;
            if (kind == AgentConfig.Notify.Kind.SLACK && target.has("secret_file")) {
                problems.add(doc, "/notify/" + i + "/secret_file", "a slack target is not signed (its URL is the secret):"
                        + " remove secret_file, or use type: webhook");
            }
            out.add(new AgentConfig.Notify(kind, url, path(target.get("secret_file"), dir, null)));
        }
        return out;
    }

    static Path path(JsonNode node, Path dir, Path fallback) {
        return node == null || !node.isTextual() ? fallback : dir.resolve(node.asText()).normalize();
    }

    static List<Path> paths(JsonNode array, Path dir) {
        List<Path> out = new ArrayList<>();
        array.forEach(item -> out.add(path(item, dir, null)));
        out.removeIf(p -> p == null);
        return out;
    }

    /** The kernel's idea of the host name first: InetAddress may wait on DNS. */
    private static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no procfs: ask the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? null : env;
        }
    }
}
