package dev.barge.config.compose;

import dev.barge.config.model.ServiceSpec.Mount;
import java.util.Map;
import java.util.Set;

/**
 * Service {@code volumes} (short {@code SOURCE:TARGET[:ro|rw]} and long syntax: bind, volume, tmpfs) and
 * {@code tmpfs}. A bind source is an absolute host path, or a relative path naming a file or folder of
 * the config repo ({@link RepoBinds}); a lone container path is an anonymous volume, as in Compose.
 */
final class VolumeSyntax {
    private static final String SHORT = "SOURCE:TARGET[:ro|rw] with an absolute host path, a repo path (./...) or a named volume as SOURCE";

    private VolumeSyntax() {
    }

    static void register(Map<String, ServiceKey> keys) {
        keys.put("volumes", VolumeSyntax::volumes);
        keys.put("tmpfs", (v, d, s) -> tmpfs(v, d));
    }

    private static void volumes(Node node, ServiceDraft draft, Scope scope) {
        if (!node.isArray()) {
            node.list();
            return;
        }
        for (Node item : node.items()) {
            Mount mount = item.isObject() ? longSyntax(item, scope) : shortSyntax(item, scope);
            if (mount != null) {
                add(item, draft, mount);
            }
        }
    }

    private static Mount shortSyntax(Node item, Scope scope) {
        String text = item.text();
        if (text == null) {
            return item.absent() ? item.expected(SHORT) : null;
        }
        String[] parts = text.split(":", -1);
        if (parts.length == 1) {
            // Compose carries an anonymous volume over to the replacement container; so does apply
            return absolute(item, text, "the container path") ? new Mount(Mount.Type.VOLUME, null, text, false, null) : null;
        }
        if (parts.length > 3 || parts[0].isEmpty()) {
            return item.expected(SHORT);
        }
        boolean readOnly = false;
        if (parts.length == 3) {
            if (!parts[2].equals("ro") && !parts[2].equals("rw")) {
                return item.expected(SHORT + " (barge supports the modes ro and rw)");
            }
            readOnly = parts[2].equals("ro");
        }
        if (!absolute(item, parts[1], "the container path")) {
            return null;
        }
        String source = parts[0];
        if (source.startsWith("/")) {
            return new Mount(Mount.Type.BIND, source, parts[1], readOnly, null);
        }
        if (source.startsWith(".")) {
            return RepoBinds.read(item, source, parts[1], readOnly, scope);
        }
        if (source.startsWith("~")) {
            relativeHostPath(item, source);
            return null;
        }
        return declared(item, source, scope) ? new Mount(Mount.Type.VOLUME, source, parts[1], readOnly, null) : null;
    }

    private static Mount longSyntax(Node item, Scope scope) {
        item.onlyKeys(Set.of("type", "source", "target", "read_only", "bind", "volume", "tmpfs"));
        String type = item.child("type").text();
        String source = item.child("source").text();
        String target = item.child("target").text();
        boolean readOnly = Boolean.TRUE.equals(item.child("read_only").bool());
        if (type == null) {
            item.report("a volume needs type: bind, volume or tmpfs");
            return null;
        }
        if (target == null || !absolute(item.child("target"), target, "target")) {
            if (target == null) {
                item.report("a volume needs target: the absolute path in the container");
            }
            return null;
        }
        Node bind = item.child("bind");
        Node volume = item.child("volume");
        Node tmpfs = item.child("tmpfs");
        switch (type) {
            case "bind" -> {
                if (bind.object()) {
                    // Docker creates a missing host directory either way; the key is accepted for compatibility
                    bind.onlyKeys(Set.of("create_host_path"));
                    bind.child("create_host_path").bool();
                }
                if (source == null) {
                    item.report("a bind mount needs source: an absolute host path");
                    return null;
                }
                if (source.startsWith("~")) {
                    relativeHostPath(item.child("source"), source);
                    return null;
                }
                if (!source.startsWith("/")) {
                    return RepoBinds.read(item.child("source"), source, target, readOnly, scope);
                }
                return new Mount(Mount.Type.BIND, source, target, readOnly, null);
            }
            case "volume" -> {
                if (volume.object()) {
                    volume.onlyKeys(Set.of());
                }
                if (source == null) {
                    return new Mount(Mount.Type.VOLUME, null, target, readOnly, null);
                }
                return declared(item.child("source"), source, scope)
                        ? new Mount(Mount.Type.VOLUME, source, target, readOnly, null) : null;
            }
            case "tmpfs" -> {
                Long size = null;
                if (tmpfs.object()) {
                    tmpfs.onlyKeys(Set.of("size"));
                    size = tmpfs.child("size").bytes();
                }
                if (source != null) {
                    item.child("source").report("a tmpfs mount has no source; remove it");
                }
                return new Mount(Mount.Type.TMPFS, null, target, readOnly, size);
            }
            default -> {
                return item.child("type").expected("bind, volume or tmpfs");
            }
        }
    }

    /** {@code /run} or {@code /run:size=64m}, a string or a list of them. */
    private static void tmpfs(Node node, ServiceDraft draft) {
        if (node.isArray()) {
            node.items().forEach(item -> tmpfsEntry(item, draft));
        } else {
            tmpfsEntry(node, draft);
        }
    }

    private static void tmpfsEntry(Node node, ServiceDraft draft) {
        String text = node.text();
        if (text == null) {
            return;
        }
        int colon = text.indexOf(':');
        String target = colon < 0 ? text : text.substring(0, colon);
        if (!absolute(node, target, "a tmpfs path")) {
            return;
        }
        Long size = null;
        for (String option : colon < 0 ? new String[0] : text.substring(colon + 1).split(",")) {
            if (option.startsWith("size=")) {
                var parsed = ByteSizes.parse(option.substring(5));
                if (parsed.isEmpty()) {
                    node.expected("PATH[:size=SIZE] with " + ByteSizes.EXPECTED);
                    return;
                }
                size = parsed.getAsLong();
            } else if (!option.equals("rw") && !option.isEmpty()) {
                node.report("unsupported tmpfs option " + (node.sensitive() ? "(sensitive)" : "'" + option + "'")
                        + " (barge supports size=SIZE)");
                return;
            }
        }
        add(node, draft, new Mount(Mount.Type.TMPFS, null, target, false, size));
    }

    /** Adds the mount unless another one has its path already: docker refuses the container ("Duplicate mount point"). */
    private static void add(Node node, ServiceDraft draft, Mount mount) {
        String path = cleaned(mount.target());
        if (draft.mounts.stream().anyMatch(m -> cleaned(m.target()).equals(path))) {
            node.report("something is mounted at " + (node.sensitive() ? "(sensitive)" : path) + " already (volumes: and tmpfs: of one service share the"
                    + " container's paths); docker would refuse the container: keep one of them");
            return;
        }
        draft.mounts.add(mount);
    }

    private static String cleaned(String path) {
        String p = path.replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static boolean absolute(Node node, String path, String what) {
        if (path.startsWith("/")) {
            return true;
        }
        node.report(what + " must be an absolute path");
        return false;
    }

    private static boolean declared(Node node, String volume, Scope scope) {
        if (scope.volumes().containsKey(volume)) {
            return true;
        }
        node.report("volume " + (node.sensitive() ? "(sensitive)" : "'" + volume + "'")
                + " is not declared; add it under top-level volumes:");
        return false;
    }

    private static void relativeHostPath(Node node, String path) {
        node.report("the host path " + (node.sensitive() ? "(sensitive)" : "'" + path + "'") + " starts with ~, the home directory of whoever runs the"
                + " container engine on the VM: use an absolute path, or a path relative to the compose file for a repo file");
    }
}
