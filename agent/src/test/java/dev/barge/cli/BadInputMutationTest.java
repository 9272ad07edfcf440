package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Mutated config repos through {@code validate}, {@code render} and {@code secrets encrypt}, as a user runs
 * them: whatever the input, barge answers with exit 0, 65 or 77 and one line per problem, never a Java
 * class name, a stack trace, an out-of-memory error or a hang. Seeded from the example repo and the test
 * fixtures; each case applies one to three mutations (lines deleted, duplicated or swapped; scalars
 * replaced by extreme values; types changed; keys renamed; bytes that are not UTF-8; deep nesting; alias
 * bombs; long lines; odd file names). The seed is fixed, so a failure reproduces: each case is named by
 * its own seed. {@code -Dbarge.mutations=N} runs more cases (default {@value #DEFAULT_CASES}, about a minute
 * on an idle two-core machine: the cost is mostly building the command line per run).
 */
class BadInputMutationTest {
    private static final Path SEEDS = Path.of("target/mutation-seeds");
    private static final Path WORK = Path.of("target/mutation-work");
    private static final long CASE_MILLIS = 10_000;
    private static final int DEFAULT_CASES = 800;
    private static final long SEED = 20261129L;
    private static final Map<String, AtomicLong> EXITS = new ConcurrentHashMap<>();
    private static final List<String> FORBIDDEN = List.of("java.", "Exception", "com.fasterxml", "org.yaml", "\tat ",
            "internal error", "Error:");

    private static final List<String> EXTREMES = List.of(
            "99999999999999999999", "-99999999999999999999", "1e309", "-1", "0", "0x7fffffff", "NaN", ".inf",
            "300.1.1.1", "300.1.1.1:80:80", "a:b:c:d", "::::", "[::1]:99999:80", "65536", "on-failure:99999999999999999999",
            "\"yes\"", "yes", "on", "~", "null", "\"\"", "''", "🚀", "\"🚀\"", "x\u0000y", "\"\\u0000\"", "\"\\e[31mred\"",
            "\u001b[2J", "a\u0007b", "\u202eevil", "\"line\\nbreak\"", "${", "${X:?missing}", "$$", "${A:-${B:-${C}}}",
            "../../etc/passwd", "/etc/passwd", "*undefined", "&a value", "!!python/object:os.system {}", "!!binary aGk=",
            "!custom x", "!!str", "{\"name\": \"x\"}", "[[1, [2]], {}]", "{}", "[]", "{a: 1}", "- x", "|", ">-",
            "'unclosed", "\"unclosed", "{unclosed", "[unclosed", "key: value: other", "? complex", "@reserved", "`tick",
            "%TAG ! x", "---", "...", "#", "\t", "1.36", "busybox:", "@sha256:", "UPPER_Case-name", "x".repeat(300),
            "\"" + "q".repeat(20_000) + "\"");

    private static final List<String> ODD_NAMES = List.of("new\nline.yaml", "esc\u001b[31m.yaml", "sp ace.yaml",
            "ü.yaml", "🚀.yaml", ".hidden.yaml", "x.YAML", "x.json", "x.yml", "-dash.yaml");

    private static Path keyFile;
    private static String recipient;

    record Seed(String name, Path dir, Map<String, String> env) {
    }

    private static final List<Seed> SEED_REPOS = new ArrayList<>();

    @BeforeAll
    static void prepareSeeds() throws IOException {
        deleteTree(SEEDS);
        Files.createDirectories(SEEDS);
        SEED_REPOS.add(new Seed("example", copy(Path.of("../examples/config-repo"), SEEDS.resolve("example")), Map.of()));
        SEED_REPOS.add(new Seed("broken", copy(Path.of("src/test/resources/repos/broken"), SEEDS.resolve("broken")), Map.of()));
        SEED_REPOS.add(new Seed("hikari", copy(Path.of("src/test/resources/hikari-example"), SEEDS.resolve("hikari")), Map.of()));
        Path sops = Path.of("src/test/resources/sops/novops");
        Path secret = SEEDS.resolve("secret");
        Files.createDirectories(secret.resolve("deployments"));
        Files.createDirectories(secret.resolve("secrets"));
        Files.copy(sops.resolve("test-nested.encrypted.yml"), secret.resolve("secrets/app.sops.yaml"));
        Files.writeString(secret.resolve("deployments/app.yaml"), """
                deployment: app
                match: {client: mars}
                stacks:
                  - name: app
                    env_files: [secrets/app.sops.yaml]
                    compose:
                      x-common: &common
                        restart: unless-stopped
                        labels: {tier: back}
                      services:
                        app:
                          image: &img busybox:1.36
                          command: ["sh", "-c", "sleep 1"]
                          ports: ["127.0.0.1:18999:80"]
                          cpus: 0.5
                          extra_hosts: ["db:10.0.0.2"]
                          environment: {A: "${A:-x}"}
                        side:
                          image: *img
                """);
        Files.writeString(secret.resolve(".sops.yaml"), "creation_rules:\n  - path_regex: secrets/.*\n    age: "
                + Files.readString(sops.resolve("age1.pub")).strip() + "\n");
        SEED_REPOS.add(new Seed("secret", secret, Map.of("SOPS_AGE_KEY_FILE", sops.resolve("age1").toAbsolutePath().toString())));
        keyFile = sops.resolve("age1").toAbsolutePath();
        recipient = Files.readString(sops.resolve("age1.pub")).strip();
        Files.writeString(SEEDS.resolve("agent.yaml"), """
                node:
                  name: vm-1
                  labels: {client: mars, environment: staging, solution: shop}
                source: {url: /nowhere}
                """);
    }

    @AfterAll
    static void reportCounts() {
        System.out.println("BadInputMutationTest: exit codes by command " + new TreeMap<>(EXITS));
    }

    @TestFactory
    Stream<DynamicTest> everyMutatedRepoGetsExit0_65Or77AndOneClearLinePerProblem() {
        Random seeds = new Random(SEED);
        return Stream.generate(seeds::nextLong).limit(Integer.getInteger("barge.mutations", DEFAULT_CASES))
                .map(caseSeed -> DynamicTest.dynamicTest("case " + caseSeed, () -> runCase(caseSeed)));
    }

    private static void runCase(long caseSeed) throws IOException {
        Random random = new Random(caseSeed);
        Seed seed = SEED_REPOS.get(random.nextInt(SEED_REPOS.size()));
        Path repo = WORK.resolve("repo");
        deleteTree(WORK);
        copy(seed.dir(), repo);
        List<String> applied = new ArrayList<>();
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            applied.add(mutate(repo, random));
        }
        String what = seed.name() + " " + applied + " (case seed " + caseSeed + ")";
        check("validate", what, seed.env(), "validate", repo.toString());
        check("render", what, seed.env(), "render", "--config", SEEDS.resolve("agent.yaml").toString(), repo.toString());
        List<Path> files = files(repo).stream().filter(p -> !p.toString().endsWith(".sops.yaml")).toList();
        if (!files.isEmpty() && random.nextInt(4) == 0) {
            Path file = files.get(random.nextInt(files.size()));
            check("secrets-encrypt", what, Map.of(), "secrets", "encrypt", "--age", recipient, file.toString());
        }
        if (seed.name().equals("secret") && Files.exists(repo.resolve("secrets/app.sops.yaml"))) {
            check("secrets-decrypt", what, Map.of("SOPS_AGE_KEY_FILE", keyFile.toString()),
                    "secrets", "decrypt", repo.resolve("secrets/app.sops.yaml").toString());
        }
    }

    private static void check(String command, String what, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        long millis = (System.nanoTime() - start) / 1_000_000;
        EXITS.computeIfAbsent(command + "=" + code, k -> new AtomicLong()).incrementAndGet();
        String stderr = err.toString();
        assertThat(code).as(command + " of " + what + ": " + stderr).isIn(0, 65, 77);
        assertThat(millis).as(command + " of " + what + " took too long").isLessThan(CASE_MILLIS);
        for (String line : stderr.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            for (String word : FORBIDDEN) {
                assertThat(line).as(command + " of " + what).doesNotContain(word);
            }
            assertThat(line.chars().noneMatch(c -> c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f))
                    .as(command + " of " + what + " prints a control character: " + line).isTrue();
        }
        if (code != 0) {
            assertThat(stderr).as(command + " of " + what + " fails without saying why").isNotBlank();
        }
    }

    /** One mutation of one file of the repo, described for the failure message. */
    private static String mutate(Path repo, Random random) throws IOException {
        List<Path> files = files(repo);
        Path file = files.get(random.nextInt(files.size()));
        String name = repo.relativize(file).toString();
        byte[] bytes = Files.readAllBytes(file);
        List<String> lines = new ArrayList<>(new String(bytes, StandardCharsets.UTF_8).lines().toList());
        if (lines.isEmpty()) {
            lines.add("");
        }
        int at = random.nextInt(lines.size());
        int kind = random.nextInt(14);
        switch (kind) {
            case 0 -> lines.remove(at);
            case 1 -> lines.add(at, lines.get(at));
            case 2 -> {
                int other = random.nextInt(lines.size());
                String line = lines.get(at);
                lines.set(at, lines.get(other));
                lines.set(other, line);
            }
            case 3, 4, 5 -> lines.set(at, replaceValue(lines.get(at), pick(EXTREMES, random)));
            case 6 -> lines.set(at, replaceValue(lines.get(at), pick(List.of("{}", "[]", "{a: [1, {b: c}]}", "[[x]]", "1",
                    "\"s\"", "true", "null", "{\"name\": \"x\"}"), random)));
            case 7 -> lines.set(at, renameKey(lines.get(at), random));
            case 8 -> {
                int depth = pick(List.of(50, 101, 2_000, 20_000), random);
                lines.set(at, replaceValue(lines.get(at), "[".repeat(depth) + "]".repeat(depth)));
            }
            case 9 -> lines.add(at, "x-bomb: " + "&a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
                    + String.join("\n", Stream.iterate(1, n -> n + 1).limit(8)
                    .map(n -> "x-b" + n + ": &" + (char) ('a' + n) + " [" + ("*" + (char) ('a' + n - 1) + ",").repeat(8)
                            + "*" + (char) ('a' + n - 1) + "]").toList()));
            case 10 -> {
                return writeBytes(file, name, bytes, random);
            }
            case 11 -> {
                Path renamed = file.resolveSibling(pick(ODD_NAMES, random));
                Files.move(file, renamed);
                return "rename " + name + " to " + shown(renamed.getFileName().toString());
            }
            case 12 -> lines.set(at, replaceValue(lines.get(at), "\"" + "z".repeat(pick(List.of(70_000, 300_000), random)) + "\""));
            default -> lines.add(at, lines.get(at).replaceAll("\\S.*", "") + pick(List.of("? x", "<<: *a", "&a", "*a",
                    "--- !!map", "- - - x", "key:", "\"k\": 1, \"k\": 2"), random));
        }
        Files.writeString(file, String.join("\n", lines) + "\n");
        return "mutation " + kind + " of " + name + ":" + (at + 1);
    }

    private static String writeBytes(Path file, String name, byte[] bytes, Random random) throws IOException {
        int kind = random.nextInt(4);
        byte[] out = switch (kind) {
            case 0 -> insert(bytes, random.nextInt(bytes.length + 1), new byte[] {(byte) 0xc3, 0x28});
            case 1 -> new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);
            case 2 -> insert(bytes, random.nextInt(bytes.length + 1), new byte[] {0, 0x1b, (byte) 0x9b, 0x7f});
            default -> insert(bytes, 0, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
        };
        Files.write(file, out);
        return "bytes " + kind + " into " + name;
    }

    private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
        byte[] out = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
        return out;
    }

    /** The value after "key:" or "- ", or after the JSON key, replaced; a line without one gets the value appended. */
    private static String replaceValue(String line, String value) {
        int colon = line.indexOf(": ");
        if (colon >= 0) {
            return line.substring(0, colon + 2) + value;
        }
        int dash = line.indexOf("- ");
        if (dash >= 0) {
            return line.substring(0, dash + 2) + value;
        }
        return line + " " + value;
    }

    private static String renameKey(String line, Random random) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return line;
        }
        String indent = line.replaceAll("\\S.*", "");
        String key = pick(List.of("x-other", "UNKNOWN", "ports", "image", "stacks", "deploy_configs", "name", "<<", "", "🚀",
                "a\u001bb", "\"quoted\""), random);
        return indent + key + line.substring(colon);
    }

    private static String shown(String name) {
        return name.replace("\n", "\\n").replace("\u001b", "\\e");
    }

    private static <T> T pick(List<T> list, Random random) {
        return list.get(random.nextInt(list.size()));
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
