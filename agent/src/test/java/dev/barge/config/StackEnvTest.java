package dev.barge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class StackEnvTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "A=1                         | 1",
            "export A=1                  | 1",
            "A = spaced out              | spaced out",
            "A=value # comment           | value",
            "A=value#not-a-comment       | value#not-a-comment",
            "A='single # $kept \\n'      | `single # $kept \\n`",
            "A=\"line\\nbreak \\\"q\\\"\"  | `line\nbreak \"q\"`",
            "A=                          | ``",
            "A=a=b                       | a=b"})
    void dotenvValues(String line, String expected) {
        Problems problems = new Problems();

        Map<String, String> env = StackEnv.parseDotenv("x.env", line.strip() + "\n", problems);

        assertThat(problems.list()).isEmpty();
        assertThat(env).containsExactly(Map.entry("A", expected == null ? "" : expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no equals sign     | 3 | a line must be KEY=VALUE",
            "key with a space   | 3 | a line must be KEY=VALUE",
            "1STARTS_WITH_DIGIT=x | 3 | a line must be KEY=VALUE",
            "A=\"unterminated   | 3 | the quote that starts the value of A is never closed"})
    void dotenvMistakesNameTheirLine(String line, int lineNumber, String message) {
        Problems problems = new Problems();

        StackEnv.parseDotenv("x.env", "# comment\nOK=1\n" + line + "\n", problems);

        assertThat(problems.list()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(lineNumber);
            assertThat(p.message()).startsWith(message);
        });
    }

    static Stream<Arguments> structured() {
        return Stream.of(
                Arguments.of("a.yaml", "db:\n  user: app\n  port: 5432\nhosts: [a, b]\nflag: true\nempty:\n",
                        Map.of("db_user", "app", "db_port", "5432", "hosts", "a,b", "flag", "true", "empty", "")),
                Arguments.of("a.json", "{\"db\": {\"user\": \"app\", \"ratio\": 1.50}}",
                        Map.of("db_user", "app", "db_ratio", "1.50")),
                Arguments.of("a.env", "DB_USER=app\n", Map.of("DB_USER", "app")),
                Arguments.of("a.conf", "DB_USER=app\n", Map.of("DB_USER", "app")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void structured(String file, String content, Map<String, String> expected) {
        Problems problems = new Problems();
        var tree = Repos.write(dir, Map.of(file, content));
        SourceDocument referrer = DocumentReader.readYaml("d.yaml", "env_files: [x]\n".getBytes(StandardCharsets.UTF_8), problems).get(0);

        Map<String, Variable> env = StackEnv.read(tree, SecretReader.NONE, file, referrer, "/env_files/0", problems);

        assertThat(problems.list()).isEmpty();
        assertThat(env).hasSize(expected.size());
        expected.forEach((k, v) -> assertThat(env.get(k)).isEqualTo(Variable.plain(v)));
    }

    @Test
    void anEncryptedFileGoesToTheSecretReaderAndEveryValueIsSensitive() {
        Problems problems = new Problems();
        var tree = Repos.write(dir, Map.of("secrets/db.sops.yaml", "password: ENC[...]\nsops_mac=x\n"));
        var secrets = new ConfigLoaderTest.FakeSecrets(Map.of("secrets/db.sops.yaml", Map.of("password", "hunter2")));
        SourceDocument referrer = DocumentReader.readYaml("d.yaml", "env_files: [x]\n".getBytes(StandardCharsets.UTF_8), problems).get(0);

        Map<String, Variable> env = StackEnv.read(tree, secrets, "./secrets/db.sops.yaml", referrer, "/env_files/0", problems);

        assertThat(env).containsExactly(Map.entry("password", new Variable("hunter2", true)));
        assertThat(env.get("password").toString()).isEqualTo("(sensitive)");
    }
}
