package dev.barge.config.compose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compose's rules for merging a service over another ({@code extends}, and the files of an
 * {@code include} path list), from the Compose specification's "Merging service definitions":
 * mappings merge key by key with the local value winning; lists append, the base's items first;
 * scalars are replaced. The exceptions are listed below by the attribute's path in the service.
 */
final class ServiceMerge {
    /** Replaced whole, never appended. */
    private static final Set<String> REPLACED = Set.of("command", "entrypoint", "healthcheck.test");

    /** Written as a list or a mapping; merged as mappings (a list is read as KEY=VALUE, or names). */
    private static final Set<String> MAPPINGS = Set.of("environment", "labels", "annotations", "extra_hosts", "sysctls",
            "storage_opt", "deploy.labels", "logging.options", "depends_on", "networks", "ulimits");

    /** Lists whose duplicates are removed after appending. */
    private static final Set<String> UNIQUE_LISTS = Set.of("cap_add", "cap_drop", "device_cgroup_rules", "expose",
            "external_links", "ports", "security_opt", "links", "profiles", "group_add",
            "deploy.placement.constraints", "deploy.placement.preferences", "deploy.resources.reservations.generic_resources");

    /** Lists whose entries are keyed: a local entry replaces the base's entry with the same key. */
    private static final Set<String> KEYED_LISTS = Set.of("volumes", "devices", "secrets", "configs");

    /** A string or a list; a string is read as a list of one before appending, duplicates kept. */
    private static final Set<String> STRING_OR_LIST = Set.of("dns", "dns_search", "env_file", "tmpfs");

    private ServiceMerge() {
    }

    /** {@code local} over {@code base}: both service mappings; the result has no {@code extends}. */
    static Located service(Located base, Located local) {
        Map<String, Located> merged = mergeFields(base, local, "");
        merged.remove("extends");
        return local.withFields(merged);
    }

    /**
     * A later compose file over an earlier one (an include entry's list of paths): services merge as
     * above, any other mapping key by key, the later value winning.
     */
    static Located files(Located earlier, Located later) {
        Map<String, Located> merged = new LinkedHashMap<>(earlier.fields());
        later.fields().forEach((key, value) -> {
            Located under = merged.get(key);
            if (under == null || !under.isMapping() || !value.isMapping()) {
                merged.put(key, value);
            } else if (key.equals("services")) {
                Map<String, Located> services = new LinkedHashMap<>(under.fields());
                value.fields().forEach((name, service) -> {
                    Located base = services.get(name);
                    services.put(name, base != null && base.isMapping() && service.isMapping()
                            ? service.withFields(mergeFields(base, service, "")) : service);
                });
                merged.put(key, value.withFields(services));
            } else {
                // a path no service rule matches: top-level mappings merge by the general rules only
                merged.put(key, value.withFields(mergeFields(under, value, "(top-level)." + key)));
            }
        });
        return later.withFields(merged);
    }

    private static Map<String, Located> mergeFields(Located base, Located local, String path) {
        Map<String, Located> merged = new LinkedHashMap<>(base.fields());
        local.fields().forEach((key, value) -> {
            Located under = merged.get(key);
            merged.put(key, under == null ? value : merge(under, value, path.isEmpty() ? key : path + "." + key));
        });
        return merged;
    }

    private static Located merge(Located base, Located local, String path) {
        if (local.isNull()) {
            return base; // an empty key (environment:) sets nothing; Compose's !reset is what clears a value
        }
        if (REPLACED.contains(path) || base.isNull()) {
            return local;
        }
        if (path.startsWith("ulimits.")) {
            return local;
        }
        if (path.equals("logging") && base.isMapping() && local.isMapping() && differentDrivers(base, local)) {
            // another driver's options mean nothing to this one
            return local;
        }
        if (MAPPINGS.contains(path)) {
            Located b = asMapping(base, path);
            Located l = asMapping(local, path);
            if (b != null && l != null) {
                return l.withFields(mergeFields(b, l, path));
            }
            return local;
        }
        if (STRING_OR_LIST.contains(path)) {
            return Located.list(concat(asList(base), asList(local), false), local.where());
        }
        if (base.isList() && local.isList()) {
            if (KEYED_LISTS.contains(path)) {
                return Located.list(keyed(base.items(), local.items(), path), local.where());
            }
            return Located.list(concat(base.items(), local.items(), UNIQUE_LISTS.contains(path)), local.where());
        }
        if (base.isMapping() && local.isMapping()) {
            return local.withFields(mergeFields(base, local, path));
        }
        return local;
    }

    private static boolean differentDrivers(Located base, Located local) {
        Located b = base.field("driver");
        Located l = local.field("driver");
        return b != null && l != null && !b.json().equals(l.json());
    }

    private static List<Located> asList(Located value) {
        return value.isList() ? value.items() : List.of(value);
    }

    private static List<Located> concat(List<Located> base, List<Located> local, boolean unique) {
        List<Located> all = new ArrayList<>(base);
        all.addAll(local);
        if (!unique) {
            return all;
        }
        Map<JsonNode, Located> distinct = new LinkedHashMap<>();
        for (Located item : all) {
            distinct.putIfAbsent(item.json(), item);
        }
        return new ArrayList<>(distinct.values());
    }

    /** The base's entries in order, each replaced by the local entry with its key, then the local entries left. */
    private static List<Located> keyed(List<Located> base, List<Located> local, String path) {
        Map<String, Located> byKey = new LinkedHashMap<>();
        List<Located> unkeyed = new ArrayList<>();
        List<Located> all = new ArrayList<>(base);
        all.addAll(local);
        for (Located item : all) {
            String key = key(item, path);
            if (key == null) {
                unkeyed.add(item);
            } else {
                byKey.put(key, item); // a later (local) entry takes the base's place in the order
            }
        }
        List<Located> merged = new ArrayList<>(byKey.values());
        merged.addAll(unkeyed);
        return merged;
    }

    /**
     * What makes an entry unique: a volume's or device's target, a secret's or config's target (its
     * source when no target is given); null when the entry is not readable (the parser reports it).
     */
    static String key(Located item, String path) {
        String text = item.text();
        if (text != null) {
            if (path.equals("secrets") || path.equals("configs")) {
                return text;
            }
            String[] parts = text.split(":", -1);
            return parts.length == 1 ? parts[0] : parts[1];
        }
        if (item.isMapping()) {
            Located target = item.field("target");
            if (target != null && target.text() != null) {
                return target.text();
            }
            Located source = item.field("source");
            return (path.equals("secrets") || path.equals("configs")) && source != null ? source.text() : null;
        }
        return null;
    }

    /**
     * A list written for a mapping key, as the mapping Compose reads it: {@code KEY=VALUE} (or {@code KEY} for
     * a null value), {@code host:ip} for extra_hosts, a name for depends_on and networks; null when it is
     * neither (the parser reports what is wrong).
     */
    private static Located asMapping(Located value, String path) {
        if (value.isMapping()) {
            return value;
        }
        if (!value.isList()) {
            return null;
        }
        Map<String, Located> fields = new LinkedHashMap<>();
        for (Located item : value.items()) {
            String text = item.text();
            if (text == null) {
                return null;
            }
            switch (path) {
                case "depends_on" -> fields.put(text, Located.mapping(
                        Map.of("condition", Located.text("service_started", item.where())), item.where()));
                case "networks" -> fields.put(text, Located.nothing(item.where()));
                default -> {
                    int split = separator(text, path);
                    fields.put(split < 0 ? text : text.substring(0, split), split < 0 ? Located.nothing(item.where())
                            : new Located(textNode(text.substring(split + 1)), item.written(), null, null, item.where(),
                            item.sensitive()));
                }
            }
        }
        return Located.mapping(fields, value.where());
    }

    private static int separator(String text, String path) {
        int eq = text.indexOf('=');
        if (path.equals("extra_hosts")) {
            int colon = text.indexOf(':');
            return eq >= 0 ? eq : colon;
        }
        return eq;
    }

    private static JsonNode textNode(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text);
    }
}
