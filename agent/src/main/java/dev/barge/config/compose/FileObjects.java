package dev.barge.config.compose;

import dev.barge.config.Variable;
import dev.barge.config.model.FileContent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Top-level {@code configs:} or {@code secrets:}: each one a repo file ({@code file:}), a variable
 * ({@code environment:}) or, for configs, inline {@code content:}. A sops-encrypted file is decrypted in
 * memory, only when a service uses it, and its content is sensitive.
 */
final class FileObjects {

    enum Kind {
        CONFIGS("config", Set.of("file", "content", "environment")),
        SECRETS("secret", Set.of("file", "environment"));

        final String noun;
        final Set<String> sources;

        Kind(String noun, Set<String> sources) {
            this.noun = noun;
            this.sources = sources;
        }
    }

    /** One declaration: the repo file it names (null otherwise) and its raw or ready content. */
    private record Declaration(Node node, String file, byte[] raw, FileContent ready) {
    }

    private final Kind kind;
    private final ComposeParser.Context context;
    private final Map<String, Declaration> declared = new LinkedHashMap<>();
    private final Map<String, FileContent> resolved = new HashMap<>();

    private FileObjects(Kind kind, ComposeParser.Context context) {
        this.kind = kind;
        this.context = context;
    }

    static FileObjects read(Node node, Kind kind, ComposeParser.Context context) {
        FileObjects objects = new FileObjects(kind, context);
        if (node.object()) {
            for (Map.Entry<String, Node> field : node.fields()) {
                if (!field.getKey().startsWith("x-")) {
                    objects.declare(field.getKey(), field.getValue().as(kind.noun + " " + field.getKey()));
                }
            }
        }
        return objects;
    }

    Kind kind() {
        return kind;
    }

    boolean contains(String name) {
        return declared.containsKey(name);
    }

    /** The repo-relative file of a declared name, or null when it has no file. */
    String file(String name) {
        return declared.get(name).file();
    }

    /** The content of a declared name, decrypted on first use; null when it could not be read. */
    FileContent content(String name) {
        if (!resolved.containsKey(name)) {
            resolved.put(name, resolve(declared.get(name)));
        }
        return resolved.get(name);
    }

    private void declare(String name, Node node) {
        if (!node.object()) {
            if (node.absent()) {
                node.expected("a mapping with one of " + String.join(", ", kind.sources));
            }
            return;
        }
        node.onlyKeys(kind.sources);
        long given = kind.sources.stream().filter(node::has).count();
        boolean unknownKeys = node.fields().stream().anyMatch(f -> !kind.sources.contains(f.getKey())
                && !f.getKey().startsWith("x-"));
        if (given > 1 || given == 0 && !unknownKeys) {
            node.report("needs exactly one of " + String.join(", ", kind.sources.stream().sorted().toList()));
            return;
        }
        if (given == 0) {
            return;
        }
        if (node.has("file")) {
            Node file = node.child("file");
            String path = file.text();
            String repoPath = path == null ? null : RepoFiles.resolve(file, path, context).orElse(null);
            byte[] raw = repoPath == null ? null : RepoFiles.read(file, repoPath, true, context).orElse(null);
            if (raw != null) {
                declared.put(name, new Declaration(file, repoPath, raw, null));
            }
        } else if (node.has("content")) {
            String text = node.child("content").text();
            if (text != null) {
                declared.put(name, new Declaration(node, null, null,
                        new FileContent(text.getBytes(StandardCharsets.UTF_8), node.child("content").sensitive())));
            }
        } else {
            Node environment = node.child("environment");
            String variable = environment.text();
            Variable value = variable == null ? null : context.variables().get(variable);
            if (variable != null && value == null) {
                environment.report("the variable " + variable + " is not set; set it in the stack's env or env_files");
            } else if (value != null) {
                declared.put(name, new Declaration(node, null, null,
                        new FileContent(value.value().getBytes(StandardCharsets.UTF_8), value.sensitive())));
            }
        }
    }

    private FileContent resolve(Declaration declaration) {
        if (declaration.ready() != null) {
            return declaration.ready();
        }
        if (!RepoFiles.encrypted(declaration.file(), declaration.raw(), context)) {
            return new FileContent(declaration.raw(), false);
        }
        byte[] plain = RepoFiles.decryptContent(declaration.node(), declaration.file(), declaration.raw(), context);
        return plain == null ? null : new FileContent(plain, true);
    }
}
