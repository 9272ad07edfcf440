package dev.barge.config.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.Problem;
import dev.barge.config.model.ServiceSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A secret marks exactly the attribute paths it reaches, and never appears in a problem. */
class SensitivityTest {

    private static Fixture secrets() {
        return Fixture.repo()
                .secret("PASSWORD", "pa55word")
                .secret("TOKEN", "t0k3n")
                .variable("TAG", "1.27")
                .file("stacks/web/app.sops.env", FakeSecrets.MARK + "API_KEY=k3y\nOVERRIDDEN=secret\n")
                .file("stacks/web/plain.env", "URL=postgres://u:${PASSWORD}@db\nPLAIN=1\n");
    }

    @Test
    void aSecretMarksExactlyThePathsItReaches() {
        ServiceSpec app = secrets().parse("""
                services:
                  app:
                    image: nginx:${TAG}
                    command: ["sh", "-c", "login ${TOKEN}"]
                    entrypoint: /init --token=$TOKEN
                    env_file: [app.sops.env, plain.env]
                    environment:
                      DB_PASSWORD: ${PASSWORD}
                      PLAIN: x
                      OVERRIDDEN: public
                      TOKEN:
                    labels:
                      - "token=${TOKEN}"
                      - "team=ops"
                    healthcheck:
                      test: curl -u ${TOKEN} localhost
                      interval: 30s
                    logging:
                      options: {api-key: "${TOKEN}", max-size: 10m}
                    secrets: [db_password]
                secrets:
                  db_password: {file: ../../secrets/db.sops.txt}
                """).service("app");

        assertThat(app.sensitive()).containsExactlyInAnyOrder(
                "command", "entrypoint", "environment.DB_PASSWORD", "environment.API_KEY", "environment.URL",
                "environment.TOKEN", "labels.token", "healthcheck.test", "logging.options.api-key", "secrets.db_password");
        assertThat(app.environment()).containsEntry("OVERRIDDEN", "public").containsEntry("URL", "postgres://u:pa55word@db");
        assertThat(app.isSensitive("environment.OVERRIDDEN")).as("a plain value replaced the secret one").isFalse();
        assertThat(app.isSensitive("image")).isFalse();
    }

    @Test
    void aListEnvironmentMarksTheKeyNotTheList() {
        ServiceSpec app = secrets().parse("""
                services:
                  app:
                    image: busybox
                    environment: ["DB=${PASSWORD}", "OTHER=1", "TOKEN"]
                    sysctls: ["x.y=${PASSWORD}"]
                """).service("app");

        assertThat(app.sensitive()).containsExactlyInAnyOrder("environment.DB", "environment.TOKEN", "sysctls.x.y");
    }

    @Test
    void problemsNeverQuoteASecretValue() {
        List<Problem> problems = secrets().parse("""
                services:
                  app:
                    image: busybox
                    ports: ["${PASSWORD}"]
                    mem_limit: ${TOKEN}
                    volumes: ["./${PASSWORD}:/x", "${TOKEN}:/y"]
                    env_file: ${PASSWORD}.env
                    tmpfs: "/run:${TOKEN}"
                    extra_hosts: ["${TOKEN}"]
                    restart: ${TOKEN}
                """).problems();

        assertThat(problems).hasSize(8);
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).doesNotContain("pa55word", "t0k3n"));
        assertThat(problems.get(0).message()).isEqualTo("'ports[0]' in service app must be a port such as 80, 8080:80,"
                + " 127.0.0.1:8080:80 or 53:53/udp (ports 1-65535), not (sensitive)");
    }

    @Test
    void tmpfsOptionsFromASecretAreRefused() {
        List<Problem> problems = secrets().parse("""
                services:
                  app:
                    image: busybox
                    tmpfs: "/run:size=1m,uid=${TOKEN}"
                """).problems();

        assertThat(problems).extracting(Problem::message).containsExactly("'tmpfs' in service app: tmpfs options cannot"
                + " come from a secret: they show in docker inspect and plans; use a plain value");
    }

    @Test
    void aHostPathFromASecretIsRefusedNotShownInPlans() {
        List<Problem> problems = secrets().parse("""
                services:
                  app:
                    image: busybox
                    volumes:
                      - "/srv/${PASSWORD}:/data"
                      - {type: bind, source: "/srv/${TOKEN}", target: /other}
                """).problems();

        assertThat(problems).extracting(Problem::line, Problem::message).containsExactly(
                org.assertj.core.api.Assertions.tuple(5, "'volumes[0]' in service app: a bind mount must not take its host"
                        + " path from a secret variable: name the path directly"),
                org.assertj.core.api.Assertions.tuple(6, "'volumes[1].source' in service app: a bind mount must not take its"
                        + " host path from a secret variable: name the path directly"));
    }

    @Test
    void interpolationDoesNotTouchKeys() {
        ServiceSpec app = secrets().parse("""
                services:
                  app:
                    image: busybox
                    labels: {"${TAG}": "$$literal"}
                """).service("app");

        assertThat(app.labels()).containsExactly(java.util.Map.entry("${TAG}", "$literal"));
    }
}
