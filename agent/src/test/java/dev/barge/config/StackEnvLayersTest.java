package dev.barge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A stack's variables as Compose reads a list of env files (compose-go's GetEnvFromFile, the stack's env in
 * the shell's place): a line may use what env sets, what earlier files set and its own file's earlier lines.
 */
class StackEnvLayersTest {
    private static final Map<String, Map<String, String>> SOPS = Map.of("secrets/db.sops.env",
            Map.of("DB_PASSWORD", "hunter2", "RAW", "a${DB_PASSWORD}b"));

    @TempDir
    Path dir;

    static Stream<Arguments> references() {
        return Stream.of(
                Arguments.of("an earlier line", List.of("A=1\nB=${A}/x"), Map.of(), "B", "1/x"),
                Arguments.of("a default when unset", List.of("C=${A:-d}"), Map.of(), "C", "d"),
                Arguments.of("a default not taken when set", List.of("A=1\nC=${A:-d}"), Map.of(), "C", "1"),
                Arguments.of("single quotes stay literal", List.of("A=1\nB='${A}/x'"), Map.of(), "B", "${A}/x"),
                Arguments.of("double quotes interpolate", List.of("A=1\nB=\"${A}/x\""), Map.of(), "B", "1/x"),
                Arguments.of("a variable env sets", List.of("B=${A}/x"), Map.of("A", "9"), "B", "9/x"),
                Arguments.of("env before the file's own line", List.of("A=1\nB=${A}"), Map.of("A", "9"), "B", "9"),
                Arguments.of("env wins over the file", List.of("A=1"), Map.of("A", "9"), "A", "9"),
                Arguments.of("an earlier file", List.of("A=1", "B=${A}"), Map.of(), "B", "1"),
                // compose-go looks in the earlier files before the file's own lines
                Arguments.of("earlier file before own line", List.of("A=1", "A=2\nB=${A}"), Map.of(), "B", "1"),
                Arguments.of("later file wins", List.of("A=1", "A=2"), Map.of(), "A", "2"),
                Arguments.of("defaults", List.of("B=${BASE}/x"), Map.of(), "B", "/srv/x"),
                Arguments.of("a bare key inherits from an earlier file", List.of("A=1", "A"), Map.of(), "A", "1"),
                Arguments.of("an escaped dollar", List.of("A=1\nB=\"\\${A}\""), Map.of(), "B", "${A}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void references(String name, List<String> files, Map<String, String> env, String key, String expected) {
        Problems problems = new Problems();

        Map<String, Variable> variables = layered(files, env, problems);

        assertThat(problems.list()).isEmpty();
        assertThat(variables.get(key)).isEqualTo(Variable.plain(expected));
    }

    @Test
    void aLineUsingASopsValueIsSensitive() {
        Problems problems = new Problems();

        Map<String, Variable> variables = layered(List.of("@secrets/db.sops.env",
                "URL=postgres://app:${DB_PASSWORD}@db/app\nHOST=db"), Map.of(), problems);

        assertThat(problems.list()).isEmpty();
        assertThat(variables.get("URL")).isEqualTo(new Variable("postgres://app:hunter2@db/app", true));
        assertThat(variables.get("URL").toString()).isEqualTo("(sensitive)");
        assertThat(variables.get("HOST")).isEqualTo(Variable.plain("db"));
    }

    @Test
    void aBareKeyInheritingASopsValueStaysSensitive() {
        Map<String, Variable> variables = layered(List.of("@secrets/db.sops.env", "DB_PASSWORD"), Map.of(), new Problems());

        assertThat(variables.get("DB_PASSWORD")).isEqualTo(new Variable("hunter2", true));
    }

    @Test
    void sopsValuesAreTakenAsWritten() {
        Map<String, Variable> variables = layered(List.of("@secrets/db.sops.env"), Map.of(), new Problems());

        assertThat(variables.get("RAW")).isEqualTo(new Variable("a${DB_PASSWORD}b", true));
    }

    @Test
    void anUnsetReferenceIsAWarningNamingTheFileLineAndVariable() {
        Problems problems = new Problems();

        Map<String, Variable> variables = layered(List.of("A=1\n\nB=x${NOPE}y\nC=${QUIET:-}\nD=${QUIET-}"), Map.of(), problems);

        assertThat(problems.list()).isEmpty();
        assertThat(variables.get("B")).isEqualTo(Variable.plain("xy"));
        assertThat(problems.warningsFrom(0)).singleElement().satisfies(w -> {
            assertThat(w.file()).isEqualTo("env/0.env");
            assertThat(w.line()).isEqualTo(3);
            assertThat(w.message()).startsWith("variable NOPE is not set");
        });
    }

    @Test
    void aRequiredVariableMissingIsAnErrorOnItsLine() {
        Problems problems = new Problems();

        layered(List.of("A=1\nB=${NOPE:?set it}"), Map.of(), problems);

        assertThat(problems.list()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).isEqualTo("required variable NOPE is missing a value: set it");
        });
    }

    /** Each entry is a dotenv file's content, or "@path" for the sops file of {@link #SOPS}. */
    private Map<String, Variable> layered(List<String> contents, Map<String, String> env, Problems problems) {
        Map<String, String> files = new LinkedHashMap<>();
        List<StackEnv.EnvFile> envFiles = new ArrayList<>();
        SourceDocument referrer = DocumentReader.readYaml("d.yaml", "env_files: [x]\n".getBytes(StandardCharsets.UTF_8),
                problems).get(0);
        for (int i = 0; i < contents.size(); i++) {
            String content = contents.get(i);
            String path = content.startsWith("@") ? content.substring(1) : "env/" + i + ".env";
            files.put(path, content.startsWith("@") ? "DB_PASSWORD=ENC[...]\nsops_mac=x\n" : content + "\n");
            envFiles.add(new StackEnv.EnvFile(path, referrer, "/env_files/" + i));
        }
        var tree = Repos.write(dir, files);
        return StackEnv.layered(tree, new ConfigLoaderTest.FakeSecrets(SOPS), Map.of("BASE", "/srv"), envFiles, env,
                problems);
    }
}
