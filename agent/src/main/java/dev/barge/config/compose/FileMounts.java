package dev.barge.config.compose;

import dev.barge.config.model.FileContent;
import dev.barge.config.model.ServiceSpec.FileMount;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service's {@code configs} and {@code secrets}: a declared name, or {source, target, uid, gid, mode}.
 * Targets default to {@code /<name>} for configs and {@code /run/secrets/<name>} for secrets.
 */
final class FileMounts {
    private FileMounts() {
    }

    static void register(Map<String, ServiceKey> keys) {
        keys.put("configs", (v, d, s) -> d.configs.addAll(read(v, s.configs(), d)));
        keys.put("secrets", (v, d, s) -> d.secrets.addAll(read(v, s.secrets(), d)));
    }

    private static List<FileMount> read(Node node, FileObjects declared, ServiceDraft draft) {
        if (!node.isArray()) {
            node.list();
            return List.of();
        }
        List<FileMount> mounts = new java.util.ArrayList<>();
        for (Node item : node.items()) {
            FileMount mount = mount(item, declared, draft);
            if (mount != null && checked(item, mount, mounts, draft)) {
                mounts.add(mount);
            }
        }
        return mounts;
    }

    /** What apply checks before it writes the file into the container: a plain absolute target, used once; numeric ids. */
    private static boolean checked(Node item, FileMount mount, List<FileMount> earlier, ServiceDraft draft) {
        String target = mount.target();
        if (target.endsWith("/") || java.util.Arrays.stream(target.substring(1).split("/", -1))
                .anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
            item.report("has target '" + target + "' with an empty, . or .. segment: use a plain absolute file path");
            return false;
        }
        boolean taken = java.util.stream.Stream.of(earlier, draft.configs, draft.secrets).flatMap(List::stream)
                .anyMatch(m -> m.target().equals(target));
        if (taken) {
            item.report("targets " + target + ", as another config or secret does: give each its own target");
            return false;
        }
        for (String id : new String[] {mount.uid(), mount.gid()}) {
            if (id != null && !id.isBlank() && !id.matches("\\d{1,9}")) {
                item.report("has uid or gid '" + id + "': use a numeric id");
                return false;
            }
        }
        return true;
    }

    private static FileMount mount(Node item, FileObjects declared, ServiceDraft draft) {
        Node nameNode = item;
        String target = null;
        String uid = null;
        String gid = null;
        Integer mode = null;
        if (item.isObject()) {
            item.onlyKeys(Set.of("source", "target", "uid", "gid", "mode"));
            nameNode = item.child("source");
            if (nameNode.absent()) {
                item.report("needs source: the name of a top-level " + declared.kind().noun);
                return null;
            }
            target = item.child("target").text();
            uid = item.child("uid").text();
            gid = item.child("gid").text();
            mode = mode(item.child("mode"));
        }
        String name = nameNode.text();
        if (name == null) {
            return nameNode.absent() ? nameNode.expected("the name of a top-level " + declared.kind().noun) : null;
        }
        String attribute = declared.kind().name().toLowerCase(java.util.Locale.ROOT);
        if (!declared.contains(name)) {
            nameNode.report(declared.kind().noun + " '" + name + "' is not declared; add it under top-level " + attribute + ":");
            return null;
        }
        FileContent content = declared.content(name);
        if (content == null) {
            return null;
        }
        if (content.sensitive()) {
            draft.sensitive.add(attribute + "." + name);
        }
        return new FileMount(name, declared.file(name), target(target, name, declared.kind()), uid, gid, mode, content);
    }

    private static String target(String target, String name, FileObjects.Kind kind) {
        if (target == null || target.isEmpty()) {
            return kind == FileObjects.Kind.SECRETS ? "/run/secrets/" + name : "/" + name;
        }
        if (target.startsWith("/")) {
            return target;
        }
        return kind == FileObjects.Kind.SECRETS ? "/run/secrets/" + target : "/" + target;
    }

    /** A YAML number is taken as written (0440 is already octal in YAML 1.1); a string is read as octal. */
    private static Integer mode(Node node) {
        if (node.absent()) {
            return null;
        }
        Integer mode = null;
        if (node.isNumber()) {
            mode = node.integer();
        } else {
            String text = node.text();
            try {
                mode = text == null ? null : Integer.parseInt(text.strip().replaceFirst("^0o", ""), 8);
            } catch (NumberFormatException e) {
                mode = null;
            }
        }
        return mode != null && mode >= 0 && mode <= 07777 ? mode : node.expected("a file mode such as 0440");
    }
}
