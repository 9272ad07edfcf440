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
    private static final String SHORT = "SOURCE:TARGET[:MODES] with an absolute host path, a repo path (./...) or a named volume as SOURCE";

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
        if (!absolute(item, parts[1], "the container path")) {
            return null;
        }
        String source = parts[0];
        Mount.Type type = source.startsWith("/") || source.startsWith(".") || source.startsWith("~")
                ? Mount.Type.BIND : Mount.Type.VOLUME;
        MountModes.Modes modes = parts.length == 3 ? MountModes.shortModes(item, parts[2], type)
                : new MountModes.Modes(false, java.util.List.of());
        if (modes == null) {
            return null;
        }
        boolean readOnly = modes.readOnly();
        if (source.startsWith("/")) {
            return secretHostPath(item) ? null : new Mount(Mount.Type.BIND, source, parts[1], readOnly, null, null, modes.options());
        }
        if (source.startsWith(".")) {
            return withOptions(RepoBinds.read(item, source, parts[1], readOnly, scope), modes.options());
        }
        if (source.startsWith("~")) {
            relativeHostPath(item, source);
            return null;
        }
        return declared(item, source, scope)
                ? new Mount(Mount.Type.VOLUME, source, parts[1], readOnly, null, null, modes.options()) : null;
    }

    private static Mount withOptions(Mount mount, java.util.List<String> options) {
        return mount == null || options.isEmpty() ? mount
                : new Mount(mount.type(), mount.source(), mount.target(), mount.readOnly(), mount.tmpfsSize(), mount.repo(), options);
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
                java.util.List<String> options = java.util.List.of();
                if (bind.object()) {
                    // Docker creates a missing host directory either way; the key is accepted for compatibility
                    bind.onlyKeys(Set.of("create_host_path", "propagation", "selinux"));
                    bind.child("create_host_path").bool();
                    String propagation = oneOf(bind.child("propagation"), MountModes.PROPAGATION);
                    String selinux = oneOf(bind.child("selinux"), MountModes.SELINUX);
                    options = MountModes.options(propagation, selinux, false);
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
                    return withOptions(RepoBinds.read(item.child("source"), source, target, readOnly, scope), options);
                }
                return secretHostPath(item.child("source")) ? null
                        : new Mount(Mount.Type.BIND, source, target, readOnly, null, null, options);
            }
            case "volume" -> {
                java.util.List<String> options = java.util.List.of();
                if (volume.object()) {
                    volume.onlyKeys(Set.of("nocopy"));
                    options = MountModes.options(null, null, Boolean.TRUE.equals(volume.child("nocopy").bool()));
                }
                if (source == null) {
                    return new Mount(Mount.Type.VOLUME, null, target, readOnly, null, null, options);
                }
                return declared(item.child("source"), source, scope)
                        ? new Mount(Mount.Type.VOLUME, source, target, readOnly, null, null, options) : null;
            }
            case "tmpfs" -> {
                Long size = null;
                java.util.List<String> options = java.util.List.of();
                if (tmpfs.object()) {
                    tmpfs.onlyKeys(Set.of("size", "mode"));
                    size = tmpfs.child("size").bytes();
                    String mode = tmpfs.child("mode").text();
                    if (mode != null) {
                        // the Compose specification writes the mode in octal (1777); YAML may have read 0o1777
                        String octal = mode.replaceFirst("^0o", "");
                        if (!octal.matches("0?[0-7]{3,4}")) {
                            tmpfs.child("mode").expected("an octal file mode such as 1777 or 755");
                            return null;
                        }
                        options = java.util.List.of("mode=" + octal);
                    }
                }
                if (source != null) {
                    item.child("source").report("a tmpfs mount has no source; remove it");
                }
                return new Mount(Mount.Type.TMPFS, null, target, readOnly, size, null, options);
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
        MountModes.Tmpfs options = MountModes.tmpfs(node, colon < 0 ? "" : text.substring(colon + 1));
        if (options != null) {
            add(node, draft, new Mount(Mount.Type.TMPFS, null, target, options.readOnly(), options.size(), null, options.options()));
        }
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

    /** The value when it is one of {@code allowed}; null when absent or (reported) another. */
    private static String oneOf(Node node, Set<String> allowed) {
        String value = node.text();
        if (value == null || allowed.contains(value)) {
            return value;
        }
        return node.expected("one of " + String.join(", ", allowed.stream().sorted().toList()));
    }

    private static String cleaned(String path) {
        String p = path.replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /**
     * A host path built from a secret would show in plans, history and docker inspect: refused, as for a
     * repo bind (true after the problem).
     */
    private static boolean secretHostPath(Node node) {
        if (node.sensitive()) {
            node.report("a bind mount must not take its host path from a secret variable: name the path directly");
            return true;
        }
        return false;
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
