package dev.barge.config;

import dev.barge.BargeException;
import dev.barge.config.model.DesiredState;
import dev.barge.config.model.Origin;
import dev.barge.tree.FileTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a config repository into a validated {@link DesiredState}: {@code barge.yaml},
 * {@code deployments/*.yaml|yml|json} (several YAML documents per file allowed) and Hikari's
 * single-JSON format wherever a deployments file or a root {@code config.json} has {@code deploy_configs}.
 * Two steps, so that a node decrypts only its own secrets: {@link #declare} reads every declaration
 * (schema, duplicate names) without reading compose files or secrets; {@link Declarations#resolve} reads
 * the compose and env files of the deployments asked for. Every problem in every file read is collected
 * before anything is thrown.
 */
public final class ConfigLoader {
    static final String DEPLOYMENTS = "deployments";
    static final String HIKARI_ROOT = "config.json";

    private ConfigLoader() {
    }

    /**
     * The whole repo, every deployment resolved and its secrets read through {@code secrets}.
     *
     * @throws InvalidConfigException carrying every problem found, each with file, line and JSON pointer
     * @throws dev.barge.BargeException  REFUSED when an encrypted env file cannot be decrypted on this node
     */
    public static DesiredState load(FileTree tree, SecretReader secrets) {
        return declare(tree).resolve(secrets, d -> true);
    }

    /**
     * Reads and schema-checks every declaration (barge.yaml's syntax, deployments, their stack names)
     * without reading a compose file or decrypting anything; problems found here are thrown by
     * {@link Declarations#resolve}, together with those of the deployments it resolves.
     *
     * @throws dev.barge.BargeException BAD_INPUT when the tree holds no config at all
     */
    public static Declarations declare(FileTree tree) {
        Problems problems = new Problems();
        List<DeclaredDeployment> declared = new ArrayList<>();
        List<String> files = deploymentFiles(tree);
        for (String file : files) {
            for (SourceDocument doc : DocumentReader.read(file, tree.read(file).orElseThrow(), problems)) {
                if (!doc.root().isNull()) {
                    SchemaCheck.DEPLOYMENT.check(doc, problems);
                    declared.addAll(DeploymentReader.read(doc));
                }
            }
        }
        boolean hikariRoot = readHikariRoot(tree, declared, problems);
        if (files.isEmpty() && !hikariRoot && !BargeSettingsReader.present(tree) && tree.read("barge.yml").isEmpty()
                && problems.isEmpty()) {
            throw BargeException.badInput(tree.read(HIKARI_ROOT).isPresent()
                    ? HIKARI_ROOT + " in " + tree.describe() + " is not a Hikari config (one JSON object with deploy_configs),"
                            + " and there is no barge.yaml or deployments/*.yaml: fix config.json or point source.path (or --repo) at the config root"
                    : "no barge.yaml, deployments/*.yaml or Hikari config.json in " + tree.describe()
                            + ": point source.path (or --repo) at the config root");
        }
        checkUniqueDeployments(declared, problems);
        declared.forEach(d -> checkUniqueStacks(d, problems));
        return new Declarations(tree, declared, problems);
    }

    /** The files in deployments/ that barge reads, sorted; anything else there (a README) is left alone. */
    static List<String> deploymentFiles(FileTree tree) {
        return tree.list(DEPLOYMENTS).stream()
                .filter(f -> f.endsWith(".yaml") || f.endsWith(".yml") || f.endsWith(".json"))
                .toList();
    }

    /**
     * A root config.json counts only when it is in Hikari's format: other tools keep files by that name too.
     * One that does not parse counts when it mentions deploy_configs, so that a typo is not silently ignored.
     */
    private static boolean readHikariRoot(FileTree tree, List<DeclaredDeployment> declared, Problems problems) {
        Optional<byte[]> content = tree.read(HIKARI_ROOT);
        if (content.isEmpty()) {
            return false;
        }
        Problems syntax = new Problems();
        List<SourceDocument> docs = DocumentReader.readJson(HIKARI_ROOT, content.get(), syntax);
        if (!syntax.isEmpty() && new String(content.get(), StandardCharsets.UTF_8).contains("\"deploy_configs\"")) {
            problems.addAll(syntax.list());
            return true;
        }
        if (docs.size() != 1 || !DeploymentReader.isHikari(docs.get(0).root())) {
            return false;
        }
        SchemaCheck.DEPLOYMENT.check(docs.get(0), problems);
        declared.addAll(DeploymentReader.read(docs.get(0)));
        return true;
    }

    private static void checkUniqueDeployments(List<DeclaredDeployment> declared, Problems problems) {
        Map<String, DeclaredDeployment> seen = new HashMap<>();
        for (DeclaredDeployment d : declared) {
            if (d.name() == null) {
                continue;
            }
            DeclaredDeployment first = seen.putIfAbsent(d.name(), d);
            if (first != null) {
                problems.add(d.doc(), d.namePointer(), "deployment " + d.name() + " is already declared at "
                        + where(first.doc(), first.namePointer()) + ": deployment names are unique in the repo");
            }
        }
    }

    private static void checkUniqueStacks(DeclaredDeployment d, Problems problems) {
        String name = d.name() == null ? "" : d.name();
        Map<String, DeclaredStack> seen = new HashMap<>();
        for (DeclaredStack stack : d.stacks()) {
            if (stack.name() != null) {
                DeclaredStack first = seen.putIfAbsent(stack.name(), stack);
                if (first != null) {
                    problems.add(stack.doc(), stack.pointer(), "stack " + stack.name() + " is already declared in deployment "
                            + name + " at " + where(first.doc(), first.pointer()) + ": stack names are unique in a deployment");
                }
            }
        }
    }

    private static String where(SourceDocument doc, String pointer) {
        return new Origin(doc.file(), doc.lineOf(pointer)).toString();
    }
}
