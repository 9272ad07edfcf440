package dev.barge.config.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.barge.config.Problem;
import dev.barge.config.model.ComposeProject;
import dev.barge.config.model.ServiceSpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Top-level {@code include}, against the Compose specification's "Include" and docker compose v2. */
class IncludesTest {
    private static final String DB = """
            services:
              db:
                image: busybox:${DB_TAG}
                env_file: ./db.env
                volumes:
                  - ./init:/docker-entrypoint-initdb.d:ro
                  - data:/var/lib/db
            volumes:
              data: {}
            """;

    private static Fixture repo() {
        return new Fixture()
                .file("stacks/db/compose.yaml", DB)
                .file("stacks/db/.env", "DB_TAG=1.36\n")
                .file("stacks/db/db.env", "ROLE=primary\n")
                .file("stacks/db/init/schema.sql", "create table t;\n");
    }

    @Test
    void anIncludedFileIsAProjectOfItsOwnWhoseResourcesJoinThisOne() {
        Fixture.Parsed parsed = repo().parse("""
                include:
                  - ../db/compose.yaml
                services:
                  web:
                    image: busybox:1.36
                    depends_on: [db]
                """);
        ServiceSpec db = parsed.service("db");
        assertThat(db.image()).isEqualTo("busybox:1.36");
        assertThat(db.environment()).containsEntry("ROLE", "primary");
        assertThat(db.mounts().get(0).repo().repoPath()).isEqualTo("stacks/db/init");
        assertThat(parsed.project().volumes()).containsKey("data");
        assertThat(parsed.service("web").dependsOn()).containsKey("db");
        assertThat(db.networks()).containsKey("default");
    }

    @Test
    void theIncludingProjectsVariablesWinOverTheIncludedDotEnv() {
        ServiceSpec db = repo().variable("DB_TAG", "1.37")
                .parse("include: [../db/compose.yaml]\nservices:\n  web: {image: busybox:1.36}\n").service("db");
        assertThat(db.image()).isEqualTo("busybox:1.37");
    }

    @Test
    void theLongSyntaxTakesProjectDirectoryAndEnvFiles() {
        Fixture fixture = new Fixture()
                .file("shared/compose.yaml", "services:\n  cache:\n    image: busybox:${CACHE_TAG}\n"
                        + "    volumes: ['./conf:/etc/cache:ro']\n")
                .file("stacks/web/cache.env", "CACHE_TAG=1.36\n")
                .file("stacks/web/conf/cache.conf", "size 1\n");
        ServiceSpec cache = fixture.parse("""
                include:
                  - path: ../../shared/compose.yaml
                    project_directory: .
                    env_file: cache.env
                services:
                  web: {image: busybox:1.36}
                """).service("cache");
        assertThat(cache.image()).isEqualTo("busybox:1.36");
        assertThat(cache.mounts().get(0).repo().repoPath()).isEqualTo("stacks/web/conf");
    }

    @Test
    void anIncludedDotEnvLineSeesTheIncludingProjectsVariables() {
        Fixture fixture = new Fixture()
                .file("stacks/db/compose.yaml", "services:\n  db:\n    image: busybox:${DB_TAG}\n")
                .file("stacks/db/.env", "DB_TAG=${MAJOR}.36\n");
        ServiceSpec db = fixture.variable("MAJOR", "1")
                .parse("include: [../db/compose.yaml]\nservices:\n  web: {image: x}\n").service("db");
        assertThat(db.image()).isEqualTo("busybox:1.36");
    }

    @Test
    void aPathListIsMergedInOrderBeforeItIsIncluded() {
        Fixture fixture = new Fixture()
                .file("stacks/web/base.yaml", "services:\n  api:\n    image: busybox:1.36\n    environment: {A: '1', B: '1'}\n")
                .file("stacks/web/override.yaml", "services:\n  api:\n    environment: {B: '2'}\n");
        ServiceSpec api = fixture.parse("include:\n  - path: [base.yaml, override.yaml]\nservices:\n  web: {image: x}\n")
                .service("api");
        assertThat(api.environment()).containsEntry("A", "1").containsEntry("B", "2");
    }

    @Test
    void includesNestAndTheSameDefinitionTwiceIsNoConflict() {
        Fixture fixture = repo()
                .file("stacks/web/both.yaml", "include: [../db/compose.yaml]\nservices:\n  worker: {image: busybox:1.36}\n");
        ComposeProject project = fixture.parse("include: [both.yaml, ../db/compose.yaml]\nservices:\n  web: {image: x}\n")
                .project();
        assertThat(project.services()).containsOnlyKeys("web", "worker", "db");
    }

    @Test
    void anIncludedServiceMayExtendAServiceOfItsOwnFile() {
        Fixture fixture = new Fixture().file("stacks/lib/compose.yaml", """
                services:
                  base: {image: busybox:1.36, user: nobody}
                  job:
                    extends: base
                    command: [sleep, '1']
                """);
        ServiceSpec job = fixture.parse("include: [../lib/compose.yaml]\nservices:\n  web: {image: x}\n").service("job");
        assertThat(job.execution().user()).isEqualTo("nobody");
        assertThat(job.command()).containsExactly("sleep", "1");
    }

    @Test
    void aProblemInAnIncludedFileNamesThatFileAndLine() {
        Fixture fixture = new Fixture().file("stacks/lib/compose.yaml", """
                services:
                  job:
                    image: busybox:1.36
                    restart: sometimes
                """);
        List<Problem> problems = fixture.parse("include: [../lib/compose.yaml]\nservices:\n  web: {image: x}\n").problems();
        assertThat(problems).extracting(Problem::file, Problem::line).containsExactly(tuple("stacks/lib/compose.yaml", 4));
        assertThat(problems.get(0).message()).contains("restart");
    }

    @Test
    void anIncludePathFromASecretIsRefusedWithoutShowingIt() {
        List<Problem> problems = repo().secret("WHERE", "../db/compose.yaml")
                .parse("include: [\"${WHERE}\"]\nservices:\n  web: {image: x}\n").problems();
        assertThat(problems).extracting(Problem::line, Problem::message).containsExactly(tuple(1,
                "an include entry must not take its path from a secret variable; name the file directly"));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("include: [gone.yaml]\nservices:\n  web: {image: x}\n", "stacks/web/compose.yaml", 1,
                        "the compose file stacks/web/gone.yaml is not in the repository (memory)"),
                Arguments.of("include: [../../../x.yaml]\nservices:\n  web: {image: x}\n", "stacks/web/compose.yaml", 1,
                        "the included compose file ../../../x.yaml leaves the repository; name a file inside the"
                                + " repository, relative to stacks/web"),
                Arguments.of("include: ../db/compose.yaml\nservices:\n  web: {image: x}\n", "stacks/web/compose.yaml", 1,
                        "include takes a list of compose files (- ../common/compose.yaml), or of mappings with path:,"
                                + " project_directory: and env_file:"),
                Arguments.of("include:\n  - path: ../db/compose.yaml\n    profile: x\nservices:\n  web: {image: x}\n",
                        "stacks/web/compose.yaml", 3,
                        "unknown key 'profile' in an include entry: it takes path, project_directory and env_file"),
                Arguments.of("include: [../db/compose.yaml]\nservices:\n  db: {image: busybox:1.37}\n",
                        "stacks/web/compose.yaml", 1, "service db of stacks/db/compose.yaml:2 conflicts with the one at"
                                + " stacks/web/compose.yaml:3; Compose refuses this too: rename one of them"),
                Arguments.of("include: [loop.yaml]\nservices:\n  web: {image: x}\n", "stacks/web/loop.yaml", 1,
                        "include cycle: stacks/web/compose.yaml -> stacks/web/loop.yaml -> stacks/web/compose.yaml;"
                                + " remove one of these includes"),
                Arguments.of("include: [odd.yaml]\nservices:\n  web: {image: x}\n", "stacks/web/odd.yaml", 3,
                        "unknown top-level key 'service' in an included compose file: it may hold services, networks,"
                                + " volumes, configs, secrets, name and x- extensions"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("refusals")
    void includeRefusesWhatComposeRefuses(String yaml, String file, int line, String message) {
        Fixture fixture = repo()
                .file("stacks/web/loop.yaml", "include: [compose.yaml]\nservices:\n  other: {image: x}\n")
                .file("stacks/web/odd.yaml", "services:\n  other: {image: x}\nservice:\n  typo: {}\n");
        List<Problem> problems = fixture.parse(yaml).problems();
        assertThat(problems).extracting(Problem::file, Problem::line, Problem::message).contains(tuple(file, line, message));
    }
}
