package dev.barge.config;

import dev.barge.tree.RepoPaths;
import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.config.compose.ComposeParser;
import dev.barge.config.model.BargeSettings;
import dev.barge.config.model.ComposeProject;
import dev.barge.config.model.Origin;
import dev.barge.config.model.Redaction;
import dev.barge.config.model.StackSpec;
import dev.barge.tree.FileTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link DeclaredStack} into a {@link StackSpec}: gathers its variables (barge.yaml defaults,
 * the compose file's .env, then env_files in order, then env: later wins) and has the compose parser read its compose file or
 * inline spec. A compose file's relative paths are resolved against its directory; an inline spec's
 * against the repo root, the same base its own {@code compose:} paths use.
 */
final class StackBuilder {
    private final FileTree tree;
    private final SecretReader secrets;
    private final BargeSettings settings;

    StackBuilder(FileTree tree, SecretReader secrets, BargeSettings settings) {
        this.tree = tree;
        this.secrets = secrets;
        this.settings = settings;
    }

    /** The stack, or null when its compose spec could not be read (the problems say why). */
    StackSpec build(DeclaredStack stack, String deployment, Problems problems) {
        String name = stack.name() == null ? "" : stack.name();
        int first = problems.size();
        int firstWarning = problems.warningCount();
        JsonNode compose = stack.compose();
        String composeFile = compose.isTextual() ? composeFile(stack, compose.asText(), problems) : null;
        Map<String, Variable> variables = variables(stack, composeFile, problems);
        int before = problems.size();
        ComposeProject project = null;
        if (compose.isObject()) {
            project = ComposeParser.parse(stack.doc(), stack.composePointer(),
                    new ComposeParser.Context(name, "", variables, tree, secrets, stack.profiles()), problems);
        } else if (compose.isTextual()) {
            if (composeFile != null) {
                project = parseFile(stack, composeFile, variables, problems);
            }
        }
        if (project == null && problems.size() == before && (compose.isObject() || composeFile != null)) {
            problems.add(stack.doc(), stack.composePointer(), "the compose spec of stack " + name + " could not be read");
        }
        Redaction redaction = redaction(variables, project);
        problems.redactFrom(first, redaction::apply);
        Origin origin = new Origin(stack.doc().file(), stack.doc().lineOf(stack.pointer()));
        List<String> warnings = problems.warningsFrom(firstWarning).stream()
                .map(w -> redaction.apply(w.render())).distinct().toList();
        return new StackSpec(name, deployment, composeFile, project, stack.drift(), stack.healthTimeout(), origin, redaction,
                warnings, stack.healthSettle());
    }

    /** Every secret value the stack was resolved with: its sensitive variables and the secret entries of compose env_file:. */
    private static Redaction redaction(Map<String, Variable> variables, ComposeProject project) {
        List<String> values = new ArrayList<>();
        variables.values().stream().filter(Variable::sensitive).forEach(v -> values.add(v.value()));
        if (project != null) {
            project.services().values().forEach(service -> service.environment().forEach((key, value) -> {
                if (service.isSensitive("environment." + key)) {
                    values.add(value);
                }
            }));
        }
        return Redaction.of(values);
    }

    /**
     * barge.yaml's defaults, then the {@code .env} beside the compose file (as Compose reads it, plain or
     * sops-encrypted), then env_files in order, then env: later wins.
     */
    private Map<String, Variable> variables(DeclaredStack stack, String composeFile, Problems problems) {
        List<StackEnv.EnvFile> files = new ArrayList<>();
        if (composeFile != null) {
            String dotEnv = RepoPaths.parent(composeFile).isEmpty() ? ".env" : RepoPaths.parent(composeFile) + "/.env";
            if (tree.read(dotEnv).isPresent()) {
                files.add(new StackEnv.EnvFile(dotEnv, stack.doc(), stack.composePointer()));
            }
        }
        for (int i = 0; i < stack.envFiles().size(); i++) {
            files.add(new StackEnv.EnvFile(stack.envFiles().get(i), stack.doc(), stack.envFilePointer(i)));
        }
        return StackEnv.layered(tree, secrets, settings.defaultEnv(), files, stack.env(), problems);
    }

    /** The repo-relative compose file, or null with a problem when it escapes the repo or does not exist. */
    private String composeFile(DeclaredStack stack, String path, Problems problems) {
        Optional<String> resolved = RepoPaths.resolve("", path);
        if (resolved.isEmpty()) {
            problems.add(stack.doc(), stack.composePointer(), "compose file " + path
                    + " " + RepoPaths.refusal(path) + ": give a path relative to the repo root");
            return null;
        }
        if (tree.read(resolved.get()).isEmpty()) {
            problems.add(stack.doc(), stack.composePointer(), "compose file " + resolved.get() + " does not exist in "
                    + tree.describe());
            return null;
        }
        return resolved.get();
    }

    private ComposeProject parseFile(DeclaredStack stack, String file, Map<String, Variable> variables, Problems problems) {
        int before = problems.size();
        List<SourceDocument> docs = DocumentReader.read(file, tree.read(file).orElseThrow(), problems);
        if (docs.size() != 1) {
            if (problems.size() == before) {
                String found = docs.isEmpty() ? "it is empty" : "it holds " + docs.size() + " documents";
                problems.add(stack.doc(), stack.composePointer(), "compose file " + file + " must hold one YAML document: " + found);
            }
            return null;
        }
        return ComposeParser.parse(docs.get(0), "", new ComposeParser.Context(stack.name() == null ? "" : stack.name(),
                RepoPaths.parent(file), variables, tree, secrets, stack.profiles()), problems);
    }
}
