package dev.barge.config.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.barge.config.ConfigLoader;
import dev.barge.config.InvalidConfigException;
import dev.barge.config.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Whatever apply would refuse, validate refuses first. Walks every refusal in apply/, docker/ and policy/ (each
 * {@code badInput(} and {@code Failure.REFUSED} in their sources) and, for each that a compose file can cause,
 * loads such a file as validate does and expects a problem with the compose file's line. A refusal that no
 * compose file can cause (the engine's or the host's state) says why; a new refusal without a row fails.
 */
class OneSourceOfTruthTest {
    private static final Path MAIN = Path.of("src/main/java/dev/barge");
    private static final String FILE = "stacks/web/compose.yaml";

    /** A refusal site (file and a snippet of its line) and the service body that reaches it, or why none can. */
    private record Row(String file, String snippet, String service, String expected, String notFromConfig) {
        static Row input(String file, String snippet, String service, String expected) {
            return new Row(file, snippet, service, expected, null);
        }

        /** A refusal no compose file can reach: it is about the engine's or host's state, or the reader prevents it. */
        static Row host(String file, String snippet, String why) {
            return new Row(file, snippet, null, null, why);
        }
    }

    private static final List<Row> ROWS = List.of(
            Row.input("docker/ContainerRequests.java", "has no image", "image: null", "has no image"),
            Row.input("docker/ContainerRequests.java", "network_mode \" + mode", "network_mode: weird", "must be host, none, bridge"),
            Row.input("docker/ContainerRequests.java", "sets both network_mode", "network_mode: host\nnetworks: [front]",
                    "network_mode and networks cannot be combined"),
            Row.input("docker/ContainerRequests.java", "links to service", "links: [ghost]", "links to service 'ghost'"),
            Row.input("docker/ContainerRequests.java", "joins network", "networks: [nowhere]", "is not declared"),
            Row.input("docker/ContainerRequests.java", "has protocol", "ports: [\"80/icmp\"]", "port"),
            Row.input("docker/ContainerRequests.java", "is outside 1-65535", "ports: [\"70000:80\"]", "port"),
            Row.input("docker/ContainerRequests.java", "expose entry", "expose: [abc]", "expose"),
            Row.input("docker/ContainerRequests.java", "is not an absolute path", "volumes: [\"data:relative\"]", "volumes[0]"),
            Row.input("docker/ContainerRequests.java", "mounts volume", "volumes: [\"undeclared:/data\"]", "undeclared"),
            Row.input("docker/ContainerRequests.java", "bind mount source", "volumes: [{type: bind, source: \"\", target: /x}]",
                    "volumes[0]"),
            Row.input("docker/ContainerRequests.java", "restart '", "restart: sometimes", "one of no, always"),
            Row.input("docker/ContainerRequests.java", "healthcheck test", "healthcheck: {test: [FOO, x]}", "healthcheck"),
            Row.input("docker/CreateCommands.java", "capability", "cap_add: [NOT_A_CAP]", "cap_add"),
            Row.input("docker/CreateCommands.java", "logging driver", "logging: {driver: nosuchdriver}", "logging"),
            Row.input("docker/ImageRef.java", "image reference", "image: \"Bad Image!\"", "image"),
            Row.input("docker/FileArchive.java", "two configs or secrets target",
                    "configs: [{source: site, target: /etc/a}, {source: site, target: /etc/a}]", "/etc/a"),
            Row.host("docker/FileArchive.java", "has target '\" + target",
                    "none: the compose reader makes every target absolute (etc/a is /etc/a, as in Compose)"),
            Row.input("docker/FileArchive.java", "has target '\"\n", "configs: [{source: site, target: /etc/../a}]", "target"),
            Row.input("docker/FileArchive.java", "use a numeric id", "configs: [{source: site, target: /a, uid: root}]", "uid"),
            Row.input("apply/SecretFiles.java", "as another config or secret does",
                    "secrets: [{source: db, target: /run/s}, {source: db, target: /run/s}]", "/run/s"),
            Row.input("apply/SecretFiles.java", "is not a plain name", "secrets: [db]", null),
            Row.input("apply/SecretFiles.java", "has no content", "secrets: [db]", null),
            Row.host("apply/SecretFiles.java", "use an absolute file path",
                    "none: the compose reader makes every target absolute (s is /run/secrets/s, as in Compose)"),
            Row.input("apply/SecretFiles.java", "with an empty, . or .. segment", "secrets: [{source: db, target: /run/../s}]", "target"),
            Row.input("apply/SecretFiles.java", "use a numeric id", "secrets: [{source: db, target: /run/s, gid: staff}]", "gid"),
            Row.host("apply/SecretFiles.java", "no directory for them is set", "the agent config's state dir, not the repo"),
            Row.host("apply/SecretFiles.java", "mounting a tmpfs", "whether the host can mount a tmpfs"),
            Row.host("docker/DockerJavaGateway.java", "network \" + spec.name() + \" is external",
                    "whether an external network exists on the engine"),
            Row.host("docker/DockerJavaGateway.java", "volume \" + spec.name() + \" is external",
                    "whether an external volume exists on the engine"),
            Row.host("docker/DockerJavaGateway.java", "already exists and this barge", "what already exists on the engine"),
            Row.host("docker/EngineErrors.java", "Failure.BAD_INPUT", "the engine's answer to a request"),
            Row.host("docker/EngineErrors.java", "Failure.REFUSED", "the engine's answer to a request"),
            Row.host("docker/Images.java", "was refused by registry", "the registry's answer to a pull"),
            Row.host("docker/Images.java", "Failure.BAD_INPUT, \"pull of", "the registry's answer to a pull"),
            Row.host("apply/EngineRuntimes.java", "badInput(c.address()",
                    "which runtimes the engine has installed; the host's policy on runtime: is PolicyCheck's (validate --config)"),
            Row.host("docker/EngineConnection.java", "Docker client settings", "the agent's Docker settings"),
            Row.host("policy/PolicyCheck.java", "Failure.REFUSED", "the host's policy: validate --config reports it with file:line"
                    + " (ValidateCommand, PolicyIT)"));

    @Test
    void everyRefusalInApplyDockerAndPolicyHasARow() throws IOException {
        List<String> unlisted = new ArrayList<>();
        for (String dir : List.of("apply", "docker", "policy")) {
            try (Stream<Path> files = Files.list(MAIN.resolve(dir))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    String name = dir + "/" + file.getFileName();
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i).strip();
                        if (line.startsWith("*") || line.startsWith("//") || !(line.contains("badInput(")
                                || line.contains("Failure.REFUSED") || line.contains("failure = Failure.BAD_INPUT"))) {
                            continue;
                        }
                        String site = line + "\n" + (i + 1 < lines.size() ? lines.get(i + 1).strip() : "");
                        if (ROWS.stream().noneMatch(r -> r.file().equals(name) && (site.contains(r.snippet())
                                || (line + "\n").contains(r.snippet())))) {
                            unlisted.add(name + ":" + (i + 1) + ": " + line);
                        }
                    }
                }
            }
        }
        assertThat(unlisted).as("refusals without a row here: add the compose input validate refuses, or why none can")
                .isEmpty();
    }

    @Test
    void validateRefusesWhatApplyWouldWithTheComposeFilesLine() {
        List<String> missed = new ArrayList<>();
        for (Row row : ROWS) {
            if (row.service() == null) {
                assertThat(row.notFromConfig()).isNotBlank();
                continue;
            }
            String compose = "services:\n  app:\n" + (row.service().startsWith("image:") ? "" : "    image: busybox:1.36\n")
                    + row.service().indent(4) + """
                    networks:
                      front: {}
                    volumes:
                      data: {}
                    configs:
                      site: {file: site.conf}
                    secrets:
                      db: {file: db.txt}
                    """;
            MemoryTree tree = new MemoryTree()
                    .with("deployments/d.yaml", "deployment: d\nmatch: {}\nstacks:\n  - name: web\n    compose: " + FILE + "\n")
                    .with(FILE, compose).with("stacks/web/site.conf", "x\n").with("stacks/web/db.txt", FakeSecrets.MARK + "pw\n");
            try {
                ConfigLoader.load(tree, new FakeSecrets());
                if (row.expected() != null) {
                    missed.add(row.file() + " [" + row.snippet() + "]: validate accepts " + row.service().replace('\n', ' '));
                }
            } catch (InvalidConfigException e) {
                List<Problem> problems = e.problems();
                boolean located = problems.stream().anyMatch(p -> p.file().equals(FILE) && p.line() > 0
                        && p.message().contains(row.expected() == null ? "" : row.expected()));
                if (!located) {
                    missed.add(row.file() + " [" + row.snippet() + "]: " + problems.stream().map(Problem::render).toList());
                }
            }
        }
        if (!missed.isEmpty()) {
            fail("validate does not refuse, with the compose file's line, what apply refuses:\n" + String.join("\n", missed));
        }
    }
}
