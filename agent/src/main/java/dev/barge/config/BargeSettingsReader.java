package dev.barge.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.config.model.BargeSettings;
import dev.barge.config.model.BargeSettings.RegistryAuth;
import dev.barge.tree.FileTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the optional {@code barge.yaml}. A registry's username and password may use {@code ${VAR}}
 * (and {@code $$} for a literal "$"), read from {@code defaults.env} and the registry's own
 * {@code env_files}; a credential that used a value from an encrypted file is sensitive.
 */
final class BargeSettingsReader {
    static final String FILE = "barge.yaml";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private BargeSettingsReader() {
    }

    /** True when the repo has a settings file (which makes an empty deployments/ deliberate). */
    static boolean present(FileTree tree) {
        return tree.read(FILE).isPresent();
    }

    static BargeSettings read(FileTree tree, SecretReader secrets, Problems problems) {
        if (tree.read("barge.yml").isPresent()) {
            problems.add("barge.yml", 0, "", "barge reads its settings from barge.yaml: rename barge.yml");
        }
        Optional<byte[]> content = tree.read(FILE);
        if (content.isEmpty()) {
            return BargeSettings.DEFAULTS;
        }
        List<SourceDocument> docs = DocumentReader.readYaml(FILE, content.get(), problems);
        if (docs.isEmpty() || docs.get(0).root().isNull()) {
            return BargeSettings.DEFAULTS;
        }
        if (docs.size() > 1) {
            problems.add(docs.get(1), "", "barge.yaml holds one YAML document; remove the second one");
        }
        SourceDocument doc = docs.get(0);
        if (!SchemaCheck.BARGE.check(doc, problems) && !doc.root().isObject()) {
            return BargeSettings.DEFAULTS;
        }
        Map<String, String> defaultEnv = new LinkedHashMap<>();
        doc.root().path("defaults").path("env").properties().forEach(e -> defaultEnv.put(e.getKey(), Scalars.text(e.getValue())));
        List<RegistryAuth> registries = new ArrayList<>();
        JsonNode list = doc.root().path("registries");
        for (int i = 0; list.isArray() && i < list.size(); i++) {
            RegistryAuth auth = registry(tree, secrets, doc, SourceDocument.child("/registries", i), defaultEnv, problems);
            if (auth != null) {
                registries.add(auth);
            }
        }
        return new BargeSettings(doc.root().path("version").asInt(1), defaultEnv, registries);
    }

    private static RegistryAuth registry(FileTree tree, SecretReader secrets, SourceDocument doc, String pointer,
                                         Map<String, String> defaultEnv, Problems problems) {
        JsonNode entry = doc.root().at(pointer);
        if (!entry.path("address").isTextual()) {
            return null;
        }
        List<StackEnv.EnvFile> envFiles = new ArrayList<>();
        JsonNode files = entry.path("env_files");
        for (int i = 0; files.isArray() && i < files.size(); i++) {
            String filePointer = SourceDocument.child(SourceDocument.child(pointer, "env_files"), i);
            envFiles.add(new StackEnv.EnvFile(files.get(i).asText(), doc, filePointer));
        }
        Map<String, Variable> variables = StackEnv.layered(tree, secrets, defaultEnv, envFiles, Map.of(), problems);
        Variable username = interpolate(doc, SourceDocument.child(pointer, "username"), variables, problems);
        Variable password = interpolate(doc, SourceDocument.child(pointer, "password"), variables, problems);
        return new RegistryAuth(entry.path("address").asText(), username.value(), password.value(),
                username.sensitive() || password.sensitive());
    }

    private static Variable interpolate(SourceDocument doc, String pointer, Map<String, Variable> variables,
                                        Problems problems) {
        JsonNode node = doc.root().at(pointer);
        if (!node.isTextual()) {
            return new Variable(null, false);
        }
        Matcher m = REFERENCE.matcher(node.asText());
        StringBuilder out = new StringBuilder();
        boolean sensitive = false;
        while (m.find()) {
            String replacement = "$";
            if (m.group(1) != null) {
                Variable value = variables.get(m.group(1));
                if (value == null) {
                    problems.add(doc, pointer, "${" + m.group(1) + "} is not set by defaults.env or this registry's env_files");
                    replacement = "";
                } else {
                    replacement = value.value();
                    sensitive |= value.sensitive();
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return new Variable(out.toString(), sensitive);
    }
}
