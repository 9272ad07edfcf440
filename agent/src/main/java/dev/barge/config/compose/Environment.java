package dev.barge.config.compose;

import dev.barge.config.Variable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code env_file} then {@code environment}, which wins, as in Compose. A sops-encrypted env_file is
 * decrypted in memory and every key it sets is sensitive; a plain one is read as a dotenv file.
 * {@code environment.KEY} is marked sensitive exactly when the final value came from a secret.
 */
final class Environment {
    private Environment() {
    }

    /** env_file first: the table is read in registration order. */
    static void register(Map<String, ServiceKey> keys) {
        keys.put("env_file", Environment::envFiles);
        keys.put("environment", Environment::environment);
    }

    private static void envFiles(Node node, ServiceDraft draft, Scope scope) {
        if (node.isArray()) {
            node.items().forEach(item -> envFile(item, draft, scope));
        } else if (!node.absent()) {
            envFile(node, draft, scope);
        }
    }

    private static void envFile(Node node, ServiceDraft draft, Scope scope) {
        Node pathNode = node;
        boolean required = true;
        boolean raw = false;
        if (node.isObject()) {
            node.onlyKeys(Set.of("path", "required", "format"));
            pathNode = node.child("path");
            required = !Boolean.FALSE.equals(node.child("required").bool());
            String format = node.child("format").text();
            if (format != null && !format.equals("raw")) {
                node.child("format").report("env_file format '" + format + "' is not one Compose knows: write raw (values"
                        + " taken as written), or leave format out for dotenv");
                return;
            }
            raw = "raw".equals(format);
            if (pathNode.absent()) {
                node.report("an env_file entry needs path:");
                return;
            }
        }
        String path = pathNode.text();
        if (path == null) {
            return;
        }
        String repoPath = RepoFiles.resolve(pathNode, path, scope.context()).orElse(null);
        byte[] content = repoPath == null ? null : RepoFiles.read(pathNode, repoPath, required, scope.context()).orElse(null);
        if (content == null) {
            return;
        }
        Map<String, Variable> variables = new LinkedHashMap<>();
        if (RepoFiles.encrypted(repoPath, content, scope.context())) {
            Map<String, String> decrypted = RepoFiles.decryptVariables(pathNode, repoPath, content, scope.context());
            if (decrypted != null) {
                decrypted.forEach((k, v) -> variables.put(k, new Variable(v, true)));
            }
        } else if (raw) {
            rawLines(content).forEach((k, v) -> variables.put(k, Variable.plain(v)));
        } else {
            variables.putAll(DotEnv.parse(repoPath, content, scope.context().variables(), node.input().problems()));
        }
        variables.forEach((key, value) -> set(draft, key, value));
    }

    /** {@code format: raw}: KEY=VALUE lines taken as written, no quotes, escapes or ${VAR}; # starts a comment line. */
    static Map<String, String> rawLines(byte[] content) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : new String(content, java.nio.charset.StandardCharsets.UTF_8).split("\r?\n")) {
            int eq = line.indexOf('=');
            if (!line.isBlank() && !line.stripLeading().startsWith("#") && eq > 0) {
                out.put(line.substring(0, eq).strip(), line.substring(eq + 1));
            }
        }
        return out;
    }

    private static void environment(Node node, ServiceDraft draft, Scope scope) {
        for (KeyValues.Entry entry : KeyValues.read(node)) {
            if (entry.value() != null) {
                set(draft, entry.key(), new Variable(entry.value(), entry.sensitive()));
                continue;
            }
            // KEY with no value: taken from the variables, left out when there is none (as Compose does)
            Variable inherited = scope.context().variables().get(entry.key());
            if (inherited != null) {
                set(draft, entry.key(), inherited);
            }
        }
    }

    private static void set(ServiceDraft draft, String key, Variable value) {
        draft.environment.put(key, value.value());
        if (value.sensitive()) {
            draft.sensitive.add("environment." + key);
        } else {
            draft.sensitive.remove("environment." + key);
        }
    }
}
