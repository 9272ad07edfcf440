package dev.barge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AllowedSignersTest {
    private static final Path FILE = Path.of("/etc/barge/allowed_signers");
    private static final String KEY = new TestSshSigner().publicKey();

    private static AllowedSigners.Entry only(String line) {
        List<AllowedSigners.Entry> entries = AllowedSigners.parse(FILE, List.of(line), ZoneOffset.ofHours(2)).entries();
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    static Stream<Arguments> validLines() {
        return Stream.of(
                Arguments.of("alice@example.com " + KEY, "alice@example.com", false, null, null, null),
                Arguments.of("alice@example.com " + KEY + " alice's laptop", "alice@example.com", false, null, null, null),
                Arguments.of("a@x,b@x " + KEY, "a@x,b@x", false, null, null, null),
                Arguments.of("\"a@x,b@x\" " + KEY, "a@x,b@x", false, null, null, null),
                Arguments.of("*@x cert-authority " + KEY, "*@x", true, null, null, null),
                Arguments.of("a@x namespaces=\"git\" " + KEY, "a@x", false, List.of("git"), null, null),
                Arguments.of("a@x NAMESPACES=\"git, file\" " + KEY, "a@x", false, List.of("git", "file"), null, null),
                Arguments.of("a@x valid-after=\"20240101\" " + KEY, "a@x", false, null, "2023-12-31T22:00:00Z", null),
                Arguments.of("a@x valid-before=\"20240101Z\" " + KEY, "a@x", false, null, null, "2024-01-01T00:00:00Z"),
                Arguments.of("a@x valid-after=\"202401021530\",valid-before=\"20250102153045Z\" " + KEY, "a@x", false, null,
                        "2024-01-02T13:30:00Z", "2025-01-02T15:30:45Z"),
                Arguments.of("a@x cert-authority,namespaces=\"git\" " + KEY, "a@x", true, List.of("git"), null, null),
                Arguments.of("   a@x\t" + KEY + "   ", "a@x", false, null, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validLines")
    void readsGitsFormat(String line, String principals, boolean ca, List<String> namespaces, String after, String before) {
        AllowedSigners.Entry entry = only(line);

        assertThat(entry.principals()).isEqualTo(principals);
        assertThat(entry.certAuthority()).isEqualTo(ca);
        assertThat(entry.namespaces()).isEqualTo(namespaces);
        assertThat(entry.validAfter()).isEqualTo(after == null ? null : Instant.parse(after));
        assertThat(entry.validBefore()).isEqualTo(before == null ? null : Instant.parse(before));
        assertThat(SshKeys.keyType(entry.key())).isEqualTo("ssh-ed25519");
    }

    @Test
    void skipsCommentsAndBlankLines() {
        List<String> lines = List.of("# ops", "", "   ", "  # indented comment", "a@x " + KEY);
        assertThat(AllowedSigners.parse(FILE, lines, ZoneOffset.UTC).entries()).singleElement()
                .satisfies(e -> assertThat(e.line()).isEqualTo(5));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            principal only                  | a@x                                  | missing public key
            unknown option                  | a@x no-touch-required KEY            | unknown option
            unquoted namespaces             | a@x namespaces=git KEY               | needs a quoted value
            empty namespaces                | a@x namespaces="" KEY                | lists no namespace
            bad date                        | a@x valid-after="2024-01-01" KEY     | is not YYYYMMDD
            unterminated quote              | a@x namespaces="git KEY              | unterminated quote
            empty principal                 | a@x,,b@x KEY                         | empty principal
            key data not base64             | a@x ssh-ed25519 !!!!                 | cannot be read
            key type does not match data    | a@x ssh-rsa BASE64                   | does not match
            """)
    void refusesLinesSshKeygenRefuses(String name, String template, String problem) {
        String base64 = KEY.substring(KEY.indexOf(' ') + 1);
        String line = template.replace("BASE64", base64).replace("KEY", KEY);

        assertThatThrownBy(() -> AllowedSigners.parse(FILE, List.of("# first", line), ZoneOffset.UTC))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT);
                    assertThat(e.getMessage()).contains(FILE + " line 2").contains(problem);
                });
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            git  | git            | true
            git  | file           | false
            git  | file,git       | true
            git  | g*             | true
            git  | g?t            | true
            git  | *,!git         | false
            git  | !file          | false
            file | *,!git         | true
            """)
    void namespacePatternsFollowOpenSsh(String namespace, String patterns, boolean matches) {
        assertThat(OpenSshPatterns.matchList(namespace, List.of(patterns.split(",")))).isEqualTo(matches);
    }
}
