package dev.barge.config.compose;

import dev.barge.config.SourceDocument;
import dev.barge.config.Variable;
import dev.barge.tree.RepoPaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's {@code extends:}: {@code extends: base} or {@code extends: {service: base, file: common.yaml}}
 * merges the named service under this one by Compose's rules ({@link ServiceMerge}); a base that extends
 * another is resolved first. {@code file} is resolved against the directory of the file that names it,
 * and the base's relative paths stay relative to its own file, as in Compose. Like Compose, barge does
 * not bring along the networks, volumes, configs or secrets a base refers to: the extending file declares
 * them.
 */
final class Extends {
    private static final String KEY = "extends";

    private final Map<String, Variable> variables;
    private final Includes.Loading loading;
    /** Files named by extends, loaded once per assembly: their services mapping, or null when unreadable. */
    private final Map<String, Located> files = new HashMap<>();
    /** Services already resolved, by file and name. */
    private final Map<String, Located> resolved = new HashMap<>();

    private Extends(Map<String, Variable> variables, Includes.Loading loading) {
        this.variables = variables;
        this.loading = loading;
    }

    /** The compose mapping with every service's extends merged and removed. */
    static Located apply(Located root, Map<String, Variable> variables, Includes.Loading loading) {
        Located services = root.field("services");
        if (services == null || !services.isMapping()) {
            return root;
        }
        Extends extending = new Extends(variables, loading);
        String file = root.where().file();
        Map<String, Located> merged = new LinkedHashMap<>();
        services.fields().forEach((name, service) ->
                merged.put(name, extending.resolve(file, name, service, services, new ArrayList<>())));
        Map<String, Located> fields = new LinkedHashMap<>(root.fields());
        fields.put("services", services.withFields(merged));
        return root.withFields(fields);
    }

    /** {@code service} (named {@code name} in {@code file}, among {@code siblings}) with its bases merged under it. */
    private Located resolve(String file, String name, Located service, Located siblings, List<String> chain) {
        Located extendsNode = service.isMapping() ? service.field(KEY) : null;
        if (extendsNode == null) {
            return service;
        }
        String key = file + "#" + name;
        Located done = resolved.get(key);
        if (done != null) {
            return done;
        }
        Map<String, Located> own = new LinkedHashMap<>(service.fields());
        own.remove(KEY);
        Located withoutExtends = service.withFields(own);
        chain.add(name + " (" + file + ")");
        Located result = merged(file, service, extendsNode, siblings, chain);
        chain.remove(chain.size() - 1);
        Located outcome = result == null ? withoutExtends : result;
        resolved.put(key, outcome);
        return outcome;
    }

    private Located merged(String file, Located service, Located extendsNode, Located siblings, List<String> chain) {
        Reference reference = reference(extendsNode);
        if (reference == null) {
            return null;
        }
        String baseFile = file;
        Located baseSiblings = siblings;
        if (reference.file() != null) {
            baseFile = Includes.repoPath(reference.file(), extendsNode.where().baseDir(), "the extends file",
                    extendsNode.where(), loading);
            baseSiblings = baseFile == null ? null : services(baseFile, extendsNode.where());
            if (baseSiblings == null) {
                return null;
            }
        }
        Located base = baseSiblings.field(reference.service());
        if (base == null) {
            Includes.report(loading, extendsNode.where(), "extends names service " + reference.service() + ", which "
                    + baseFile + " does not define: name a service of " + baseFile);
            return null;
        }
        String step = reference.service() + " (" + baseFile + ")";
        if (chain.contains(step) || chain.size() > ComposeAssembly.MAX_DEPTH) {
            Includes.report(loading, extendsNode.where(), chain.contains(step)
                    ? "extends cycle: " + String.join(" -> ", chain) + " -> " + step + "; one of them must not extend"
                    : "extends chains deeper than " + ComposeAssembly.MAX_DEPTH + " services, the limit: flatten the chain");
            return null;
        }
        if (!base.isMapping()) {
            Includes.report(loading, extendsNode.where(), "extends names service " + reference.service()
                    + ", which is not a mapping in " + baseFile);
            return null;
        }
        Located resolvedBase = resolve(baseFile, reference.service(), base, baseSiblings, chain);
        Located merged = ServiceMerge.service(resolvedBase, service);
        return loading.budget().take(merged.size(), extendsNode.where()) ? merged : null;
    }

    /** What extends names. */
    private record Reference(String service, String file) {
    }

    private Reference reference(Located node) {
        if (node.anySensitive()) {
            Includes.report(loading, node.where(), "extends must not take a service or file name from a secret variable;"
                    + " name them directly");
            return null;
        }
        if (node.text() != null) {
            return new Reference(node.text(), null);
        }
        if (node.isMapping()) {
            for (Map.Entry<String, Located> field : node.fields().entrySet()) {
                if (!field.getKey().equals("service") && !field.getKey().equals("file")) {
                    Includes.report(loading, field.getValue().where(), "unknown key '" + field.getKey()
                            + "' in extends: it takes service and file");
                    return null;
                }
            }
            Located service = node.field("service");
            Located file = node.field("file");
            if (service != null && service.text() != null && (file == null || file.text() != null)) {
                return new Reference(service.text(), file == null ? null : file.text());
            }
        }
        Includes.report(loading, node.where(), "extends takes a service name (extends: base) or a mapping with"
                + " service: and optionally file: (a compose file in the repo)");
        return null;
    }

    /** The services mapping of a compose file named by extends, interpolated like the file that names it. */
    private Located services(String path, Located.Where where) {
        if (files.containsKey(path)) {
            return files.get(path);
        }
        files.put(path, null); // a file that extends into itself finds it loading, not loops
        SourceDocument doc = Includes.read(path, where, loading);
        Located services = null;
        if (doc != null) {
            // the whole file, as Compose interpolates it: an unset variable in a base's image is refused as in any service
            TreeInterpolation.Interpolated interpolated = TreeInterpolation.run(doc, "", doc.root(),
                    Interpolator.of(variables), loading.problems());
            Located root = Located.of(doc, "/services", interpolated.root().path("services"),
                    interpolated.sensitivePointers(), RepoPaths.parent(path));
            if (root.isMapping() && loading.budget().take(root.size(), where)) {
                services = root;
            } else if (!root.isMapping()) {
                Includes.report(loading, where, "the extends file " + path + " has no services: mapping");
            }
        }
        files.put(path, services);
        return services;
    }
}
