package dev.barge.config.compose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.BargeException;
import dev.barge.config.DocumentReader;
import dev.barge.config.Problems;
import dev.barge.config.SourceDocument;
import dev.barge.config.StackEnv;
import dev.barge.config.Variable;
import dev.barge.tree.RepoPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compose's top-level {@code include:}. Each entry names a compose file (or a list of files merged in
 * order) that is loaded as a project of its own: its relative paths resolve against its own directory (or
 * {@code project_directory}), its {@code .env} (or {@code env_file}) gives defaults under the including
 * project's variables, and its own includes and extends are applied. Its services, networks, volumes,
 * configs and secrets are then added to the including model; a name defined differently in both is
 * refused, as Compose refuses it.
 */
final class Includes {
    private static final List<String> RESOURCES = List.of("services", "networks", "volumes", "configs", "secrets");
    private static final Set<String> TOP_LEVEL = Set.of("services", "networks", "volumes", "configs", "secrets", "name",
            "version", "include");
    private static final Set<String> ENTRY_KEYS = Set.of("path", "project_directory", "env_file");

    /**
     * What every file of one assembly shares; {@code locationsOnly} when only where things were written is
     * wanted (no env file is read, so no secret is decrypted).
     */
    record Loading(ComposeParser.Context context, Problems problems, ComposeAssembly.Budget budget, boolean locationsOnly) {
    }

    private Includes() {
    }

    /**
     * The compose mapping at {@code pointer} of {@code doc}, interpolated with {@code variables}, with its
     * includes added and its extends merged; {@code chain} is the files being included, outermost first.
     */
    static Located load(SourceDocument doc, String pointer, String baseDir, Map<String, Variable> variables, Loading loading,
                        List<String> chain) {
        JsonNode raw = doc.root().at(pointer);
        TreeInterpolation.Interpolated interpolated = TreeInterpolation.run(doc, pointer, raw,
                Interpolator.of(variables), loading.problems());
        Located root = Located.of(doc, pointer, interpolated.root(), interpolated.sensitivePointers(), baseDir);
        if (!root.isMapping()) {
            return root;
        }
        root = include(root, doc, pointer, variables, loading, chain);
        return Extends.apply(root, variables, loading);
    }

    private static Located include(Located root, SourceDocument doc, String pointer, Map<String, Variable> variables,
                                   Loading loading, List<String> chain) {
        Located include = root.field("include");
        if (include == null) {
            return root;
        }
        Map<String, Located> fields = new LinkedHashMap<>(root.fields());
        fields.remove("include");
        if (!include.isList()) {
            report(loading, include.where(), "include takes a list of compose files (- ../common/compose.yaml),"
                    + " or of mappings with path:, project_directory: and env_file:");
            return root.withFields(fields);
        }
        for (int i = 0; i < include.items().size(); i++) {
            Located entry = include.items().get(i);
            String entryPointer = SourceDocument.child(SourceDocument.child(pointer, "include"), i);
            Located project = project(entry, doc, entryPointer, variables, loading, chain);
            if (project != null) {
                add(fields, project, entry, loading);
            }
        }
        return root.withFields(fields);
    }

    /** The included project an entry names, loaded and merged; null after a problem. */
    private static Located project(Located entry, SourceDocument doc, String entryPointer, Map<String, Variable> variables,
                                   Loading loading, List<String> chain) {
        String baseDir = entry.where().baseDir();
        Located paths = entry.isMapping() ? entry.field("path") : entry;
        if (entry.isMapping()) {
            for (String key : entry.fields().keySet()) {
                if (!ENTRY_KEYS.contains(key)) {
                    report(loading, entry.field(key).where(), "unknown key '" + key + "' in an include entry: it takes path,"
                            + " project_directory and env_file");
                    return null;
                }
            }
        }
        if (entry.anySensitive()) {
            // the path would show in problems and plans; a secret has no place there
            report(loading, entry.where(), "an include entry must not take its path from a secret variable; name the file directly");
            return null;
        }
        List<String> files = strings(paths);
        if (files == null || files.isEmpty()) {
            report(loading, entry.where(), "an include entry names a compose file: - path/to/compose.yaml, or path: with"
                    + " a file or a list of files");
            return null;
        }
        List<String> resolved = new ArrayList<>();
        for (String file : files) {
            String path = repoPath(file, baseDir, "the included compose file", entry.where(), loading);
            if (path == null) {
                return null;
            }
            if (chain.contains(path) || chain.size() > ComposeAssembly.MAX_DEPTH) {
                report(loading, entry.where(), chain.contains(path)
                        ? "include cycle: " + String.join(" -> ", chain) + " -> " + path + "; remove one of these includes"
                        : "includes nest deeper than " + ComposeAssembly.MAX_DEPTH + " files, the limit: include fewer levels");
                return null;
            }
            resolved.add(path);
        }
        Located directory = entry.isMapping() ? entry.field("project_directory") : null;
        String projectDir = directory == null ? RepoPaths.parent(resolved.get(0))
                : repoPath(directory.text(), baseDir, "project_directory", directory.where(), loading);
        if (projectDir == null) {
            return null;
        }
        Map<String, Variable> own = envFiles(entry, doc, entryPointer, baseDir, projectDir, variables, loading);
        Map<String, Variable> projectVariables = under(own, variables);
        Located merged = null;
        for (String path : resolved) {
            SourceDocument included = read(path, entry.where(), loading);
            if (included == null) {
                return null;
            }
            List<String> deeper = new ArrayList<>(chain);
            deeper.add(path);
            Located project = load(included, "", projectDir, projectVariables, loading, deeper);
            if (!loading.budget().take(project.size(), entry.where())) {
                return null;
            }
            if (!project.isMapping()) {
                report(loading, project.where(), "an included compose file must be a mapping with services:");
                return null;
            }
            checkTopLevel(project, loading);
            merged = merged == null ? project : ServiceMerge.files(merged, project);
        }
        return merged;
    }

    /** The included project's env files: env_file as given (required), else the .env in its directory, if any. */
    private static Map<String, Variable> envFiles(Located entry, SourceDocument doc, String entryPointer, String baseDir,
                                                  String projectDir, Map<String, Variable> including, Loading loading) {
        Located given = entry.isMapping() ? entry.field("env_file") : null;
        Map<String, Variable> variables = new LinkedHashMap<>();
        if (loading.locationsOnly()) {
            return variables;
        }
        ComposeParser.Context context = loading.context();
        if (given == null) {
            String dotEnv = projectDir.isEmpty() ? ".env" : projectDir + "/.env";
            if (readable(dotEnv, context)) {
                variables.putAll(StackEnv.read(context.tree(), context.secrets(), dotEnv, doc, entryPointer, including,
                        loading.problems()));
            }
            return variables;
        }
        List<String> files = strings(given);
        if (files == null) {
            report(loading, given.where(), "env_file in an include entry takes a file or a list of files");
            return variables;
        }
        for (String file : files) {
            String path = repoPath(file, baseDir, "the env_file", given.where(), loading);
            if (path != null) {
                // as a stack's env files: a line sees the including project's variables, then earlier files
                variables.putAll(StackEnv.read(context.tree(), context.secrets(), path, doc,
                        SourceDocument.child(entryPointer, "env_file"), under(variables, including),
                        loading.problems()));
            }
        }
        return variables;
    }

    private static boolean readable(String path, ComposeParser.Context context) {
        try {
            return context.tree().read(path).isPresent();
        } catch (BargeException e) {
            return true; // StackEnv reports why it cannot be read, at the include entry
        }
    }

    /** Adds the project's resources to {@code fields}; one defined differently on both sides is refused. */
    private static void add(Map<String, Located> fields, Located project, Located entry, Loading loading) {
        for (String section : RESOURCES) {
            Located from = project.field(section);
            if (from == null || from.isNull()) {
                continue;
            }
            if (!from.isMapping()) {
                report(loading, from.where(), section + " in an included compose file must be a mapping");
                continue;
            }
            Located into = fields.get(section);
            Map<String, Located> merged = into != null && into.isMapping() ? new LinkedHashMap<>(into.fields())
                    : new LinkedHashMap<>();
            from.fields().forEach((name, definition) -> {
                Located existing = merged.get(name);
                if (existing == null) {
                    merged.put(name, definition);
                } else if (!existing.json().equals(definition.json())) {
                    report(loading, entry.where(), section.substring(0, section.length() - 1) + " " + name + " of "
                            + definition.where().file() + ":" + definition.where().line() + " conflicts with the one at "
                            + existing.where().file() + ":" + existing.where().line()
                            + "; Compose refuses this too: rename one of them");
                }
            });
            fields.put(section, into != null && into.isMapping() ? into.withFields(merged)
                    : Located.mapping(merged, entry.where()));
        }
    }

    private static void checkTopLevel(Located project, Loading loading) {
        project.fields().forEach((key, value) -> {
            if (!TOP_LEVEL.contains(key) && !key.startsWith("x-")) {
                report(loading, value.where(), "unknown top-level key '" + key + "' in an included compose file: it may"
                        + " hold " + String.join(", ", RESOURCES) + ", name and x- extensions");
            }
        });
    }

    /** One compose document of the repo, or null after a problem at {@code where}. */
    static SourceDocument read(String path, Located.Where where, Loading loading) {
        Optional<byte[]> content;
        try {
            content = loading.context().tree().read(path);
        } catch (BargeException e) {
            report(loading, where, e.getMessage());
            return null;
        }
        if (content.isEmpty()) {
            report(loading, where, "the compose file " + path + " is not in the repository ("
                    + loading.context().tree().describe() + ")");
            return null;
        }
        int before = loading.problems().size();
        List<SourceDocument> docs = DocumentReader.read(path, content.get(), loading.problems());
        if (docs.size() != 1) {
            if (loading.problems().size() == before) {
                report(loading, where, "the compose file " + path + " must hold one YAML document: it holds " + docs.size());
            }
            return null;
        }
        return docs.get(0);
    }

    /** {@code written} resolved against {@code baseDir}, or null after a problem when it leaves the repo. */
    static String repoPath(String written, String baseDir, String what, Located.Where where, Loading loading) {
        if (written == null) {
            report(loading, where, what + " must be a path relative to the compose file");
            return null;
        }
        Optional<String> resolved = RepoPaths.resolve(baseDir, written);
        if (resolved.isEmpty()) {
            report(loading, where, what + " " + written + " " + RepoPaths.refusal(written) + "; name a file inside the"
                    + " repository, relative to " + (baseDir.isEmpty() ? "the repository root" : baseDir));
            return null;
        }
        return resolved.get();
    }

    /** Variables of an included project: its own env files' values, under the including project's. */
    private static Map<String, Variable> under(Map<String, Variable> own, Map<String, Variable> including) {
        Map<String, Variable> all = new LinkedHashMap<>(own);
        all.putAll(including);
        return all;
    }

    /** A string, or a list of strings; null when it is neither. */
    static List<String> strings(Located value) {
        if (value == null) {
            return null;
        }
        if (value.text() != null) {
            return List.of(value.text());
        }
        if (!value.isList()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (Located item : value.items()) {
            if (item.text() == null) {
                return null;
            }
            texts.add(item.text());
        }
        return texts;
    }

    static void report(Loading loading, Located.Where where, String message) {
        loading.problems().add(where.file(), where.line(), "", message);
    }
}
