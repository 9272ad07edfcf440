package dev.barge.config;

import dev.barge.tree.RepoPaths;
import dev.barge.config.compose.DotEnv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.tree.FileTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a stack's {@code env_files}: dotenv, YAML or JSON, plain or sops-encrypted. Encrypted files go
 * to the {@link SecretReader} and every value they give is sensitive; plain YAML/JSON is flattened the
 * same way sops files are (nested keys joined with "_", a list of scalars joined with ",").
 */
public final class StackEnv {

    private StackEnv() {
    }

    /** One env file a stack reads: its path as written, and where it is named (for problems). */
    public record EnvFile(String path, SourceDocument referrer, String pointer) {
    }

    /**
     * The variables a stack interpolates with, later wins: {@code defaults}, then each of {@code files} in
     * order, then {@code env}. The files are read as Compose reads its list of env files (compose-go's
     * {@code GetEnvFromFile}, where {@code env} plays the shell's part): a {@code ${VAR}} in a dotenv line
     * looks in {@code env} first, then in what the files before it set, then in the earlier lines of its own
     * file; a value that used a sensitive variable is sensitive. A sops file's values are taken as written.
     */
    public static Map<String, Variable> layered(FileTree tree, SecretReader secrets, Map<String, String> defaults,
                                                List<EnvFile> files, Map<String, String> env, Problems problems) {
        Map<String, Variable> outside = new LinkedHashMap<>();
        env.forEach((k, v) -> outside.put(k, Variable.plain(v)));
        Map<String, Variable> fromFiles = new LinkedHashMap<>();
        defaults.forEach((k, v) -> fromFiles.put(k, Variable.plain(v)));
        for (EnvFile file : files) {
            Map<String, Variable> seen = new LinkedHashMap<>(fromFiles);
            seen.putAll(outside);
            fromFiles.putAll(read(tree, secrets, file.path(), file.referrer(), file.pointer(), seen, problems));
        }
        Map<String, Variable> variables = new LinkedHashMap<>(fromFiles);
        variables.putAll(outside);
        return variables;
    }

    /**
     * The variables of {@code path} (repo-relative, as written at {@code pointer} of {@code referrer}).
     * A missing, escaping or malformed file becomes a problem and gives no variables.
     */
    public static Map<String, Variable> read(FileTree tree, SecretReader secrets, String path, SourceDocument referrer,
                                             String pointer, Problems problems) {
        return read(tree, secrets, path, referrer, pointer, Map.of(), problems);
    }

    /**
     * As {@link #read(FileTree, SecretReader, String, SourceDocument, String, Problems)}, a dotenv file's
     * {@code ${VAR}} looking in {@code seen} before the file's own earlier lines (see {@link DotEnv}).
     */
    public static Map<String, Variable> read(FileTree tree, SecretReader secrets, String path, SourceDocument referrer,
                                             String pointer, Map<String, Variable> seen, Problems problems) {
        Optional<String> resolved = RepoPaths.resolve("", path);
        if (resolved.isEmpty()) {
            problems.add(referrer, pointer, "env file " + path + " " + RepoPaths.refusal(path) + ": give a path relative to the repo root");
            return Map.of();
        }
        String file = resolved.get();
        Optional<byte[]> content = tree.read(file);
        if (content.isEmpty()) {
            problems.add(referrer, pointer, "env file " + file + " does not exist in " + tree.describe());
            return Map.of();
        }
        Map<String, Variable> variables = new LinkedHashMap<>();
        if (secrets.isEncrypted(file, content.get())) {
            secrets.variables(file, content.get()).forEach((k, v) -> variables.put(k, new Variable(v, true)));
            return variables;
        }
        if (!isStructured(file)) {
            return DotEnv.parse(file, content.get(), seen, problems);
        }
        flattenFile(file, content.get(), problems).forEach((k, v) -> variables.put(k, Variable.plain(v)));
        return variables;
    }

    private static boolean isStructured(String file) {
        return file.endsWith(".yaml") || file.endsWith(".yml") || file.endsWith(".json");
    }

    private static Map<String, String> flattenFile(String file, byte[] content, Problems problems) {
        Map<String, String> out = new LinkedHashMap<>();
        for (SourceDocument doc : DocumentReader.read(file, content, problems)) {
            if (doc.root().isObject()) {
                flatten("", doc.root(), out);
            } else if (!doc.root().isNull()) {
                problems.add(doc, "", "an env file in YAML or JSON is a mapping of names to values");
            }
        }
        return out;
    }

    /** Nested keys joined with "_", lists of scalars joined with ",", as the decrypt stage does for sops files. */
    static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "_" + e.getKey(), e.getValue(), out));
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(Scalars.text(item)));
            out.put(prefix, String.join(",", items));
        } else {
            out.put(prefix, Scalars.text(node));
        }
    }

    /** A dotenv file, read exactly as Compose's env_file is (see {@link DotEnv}). */
    public static Map<String, String> parseDotenv(String file, String text, Problems problems) {
        return DotEnv.parse(file, text.getBytes(StandardCharsets.UTF_8), problems);
    }
}
