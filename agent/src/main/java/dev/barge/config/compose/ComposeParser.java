package dev.barge.config.compose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.config.DocumentReader;
import dev.barge.config.Problems;
import dev.barge.config.SecretReader;
import dev.barge.config.SourceDocument;
import dev.barge.config.Variable;
import dev.barge.config.model.ComposeProject;
import dev.barge.config.model.NetworkSpec;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.VolumeSpec;
import dev.barge.tree.FileTree;
import dev.barge.tree.RepoPaths;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a compose mapping into a typed {@link ComposeProject}: interpolates every value, expands short
 * syntax, resolves env_file/configs/secrets from the repo, and reports every problem with file and line.
 */
public final class ComposeParser {
    // include is resolved by ComposeAssembly before these are checked; listed for the message
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("services", "networks", "volumes", "configs", "secrets",
            "name", "version", "include");
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    /**
     * @param stack     the stack (compose project) name, for engine-side names ({@code <stack>_default})
     * @param baseDir   repo-relative directory that relative paths in the compose file are resolved against
     * @param variables values for ${VAR} interpolation; sensitive ones mark the attributes they reach
     * @param tree      the repo, for env_file, configs and secrets files
     * @param secrets   decrypts sops files named by env_file and secrets
     */
    public record Context(String stack, String baseDir, Map<String, Variable> variables, FileTree tree,
                          SecretReader secrets, List<String> profiles) {
        public Context {
            variables = Map.copyOf(variables);
            profiles = List.copyOf(profiles);
        }

        /** No profile active: only the services without profiles: run. */
        public Context(String stack, String baseDir, Map<String, Variable> variables, FileTree tree, SecretReader secrets) {
            this(stack, baseDir, variables, tree, secrets, List.of());
        }
    }

    private ComposeParser() {
    }

    /**
     * Parses the compose mapping at {@code pointer} of {@code doc} ("" for a whole compose file, or
     * e.g. "/stacks/0/compose" for an inline spec). Problems go to {@code problems}; the result is
     * null when there was any problem in this mapping.
     */
    public static ComposeProject parse(SourceDocument doc, String pointer, Context context, Problems problems) {
        int before = problems.size();
        JsonNode raw = doc.root().at(pointer);
        if (!raw.isObject()) {
            problems.add(doc, pointer, "a compose spec must be a mapping with services:");
            return null;
        }
        Node root;
        if (ComposeAssembly.needed(raw)) {
            ComposeAssembly.Assembled assembled = ComposeAssembly.run(doc, pointer, context, problems);
            root = Node.root(new Node.Input(assembled.doc(), problems, assembled.sensitive(), assembled.baseDirs()),
                    pointer, assembled.root(), "the compose file");
        } else {
            TreeInterpolation.Interpolated interpolated = TreeInterpolation.run(doc, pointer, raw,
                    Interpolator.of(context.variables()), problems);
            root = Node.root(new Node.Input(doc, problems, interpolated.sensitivePointers()), pointer,
                    interpolated.root(), "the compose file");
        }
        root.onlyKeys(TOP_LEVEL_KEYS);

        Map<String, NetworkSpec> networks = Declarations.networks(root.child("networks"), context.stack());
        Map<String, VolumeSpec> volumes = Declarations.volumes(root.child("volumes"), context.stack());
        Set<String> serviceNames = serviceNames(root.child("services"));
        Scope scope = new Scope(context, serviceNames, networks, volumes,
                FileObjects.read(root.child("configs"), FileObjects.Kind.CONFIGS, context),
                FileObjects.read(root.child("secrets"), FileObjects.Kind.SECRETS, context),
                containerNames(root.child("services"), serviceNames, context.stack()));

        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        Map<String, Node> serviceNodes = new LinkedHashMap<>();
        for (Map.Entry<String, Node> field : root.child("services").fields()) {
            Node node = field.getValue().as("service " + field.getKey());
            serviceNodes.put(field.getKey(), node);
            ServiceSpec service = ServiceParser.parse(field.getKey(), node, scope);
            if (service != null) {
                services.put(field.getKey(), service);
            }
        }
        DependencyCycles.report(services, serviceNodes);
        Profiles.select(services, serviceNodes, context.profiles());

        Map<String, NetworkSpec> projectNetworks = new LinkedHashMap<>(networks);
        if (services.values().stream().anyMatch(s -> s.networks().containsKey(NetworkKeys.DEFAULT))) {
            projectNetworks.putIfAbsent(NetworkKeys.DEFAULT, Declarations.defaultNetwork(context.stack()));
        }
        return problems.size() > before ? null : new ComposeProject(services, projectNetworks, volumes);
    }

    /**
     * The compose file {@code file} of {@code tree} as one document whose every node names the file and line it
     * was written on, include and extends resolved: for locating a problem found after loading (a policy
     * violation). Empty when the file cannot be read; variables are not interpolated and no env file is read.
     */
    public static Optional<SourceDocument> located(FileTree tree, String file) {
        Problems ignored = new Problems();
        List<SourceDocument> docs = tree.read(file).map(bytes -> DocumentReader.read(file, bytes, ignored)).orElse(List.of());
        if (docs.isEmpty() || !docs.get(0).root().isObject() || !ComposeAssembly.needed(docs.get(0).root())) {
            return docs.stream().findFirst();
        }
        Context context = new Context("", RepoPaths.parent(file), Map.of(), tree, SecretReader.NONE);
        return Optional.of(ComposeAssembly.run(docs.get(0), "", context, ignored, true).doc());
    }

    /** Each service's container name ({@code container_name}, else {@code <stack>-<service>-1}), for network_mode container:. */
    private static Map<String, String> containerNames(Node services, Set<String> names, String stack) {
        Map<String, String> containers = new LinkedHashMap<>();
        for (String service : names) {
            JsonNode written = services.json().path(service).path("container_name");
            containers.put(written.isTextual() ? written.asText() : stack + "-" + service + "-1", service);
        }
        return containers;
    }

    private static Set<String> serviceNames(Node services) {
        Set<String> names = new LinkedHashSet<>();
        if (services.absent() || services.object() && services.fields().isEmpty()) {
            services.report("a compose spec needs at least one service under services:");
        }
        for (Map.Entry<String, Node> field : services.fields()) {
            if (SERVICE_NAME.matcher(field.getKey()).matches()) {
                names.add(field.getKey());
            } else {
                field.getValue().report("the service name '" + field.getKey()
                        + "' must start with a letter or digit and use only letters, digits, '_', '.' and '-'");
            }
        }
        return names;
    }
}
