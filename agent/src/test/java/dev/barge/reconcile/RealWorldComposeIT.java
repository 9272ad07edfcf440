package dev.barge.reconcile;

import static dev.barge.reconcile.Shell.docker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.reconcile.ItStack.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 on the real engine, from a real git repo: files of the repo bound into containers, anonymous
 * volumes carried over a replace, network_mode service:, and include/extends across files. Stacks start with {@code iteng}, ports are
 * 127.0.0.1:19700-19719.
 */
class RealWorldComposeIT {
    private static final String STACK = "iteng";

    @TempDir
    Path tmp;
    private ItStack stack;

    @BeforeEach
    void repo() throws IOException {
        stack = ItStack.create(tmp, STACK, "it-eng");
    }

    @AfterEach
    void cleanUp() {
        // -v: the anonymous volumes of these containers go with them
        ItStack.removeAll(STACK);
    }

    private void commit(String compose, Map<String, String> files) throws IOException {
        stack.commit(compose, files);
    }

    private Result barge(String... args) {
        return stack.barge(args);
    }

    private Result apply() {
        return stack.apply();
    }

    private static String id(String container) {
        return docker("inspect", "--format", "{{.Id}}", container);
    }

    private static final String WEB = """
            services:
              web:
                image: busybox:1.36
                command: [httpd, -f, -p, "8080", -h, /www]
                ports: ["127.0.0.1:19701:8080"]
                volumes: ["./conf/index.html:/www/index.html:ro"]
              other:
                image: busybox:1.36
                command: [sleep, "600"]
            """;

    @Test
    void aRepoFileIsServedAndOnlyItsChangeReplacesOnlyItsContainer() throws IOException {
        commit(WEB, Map.of("stacks/iteng/conf/index.html", "<h1>first commit</h1>\n"));
        apply();
        Shell.awaitPage("http://127.0.0.1:19701/index.html", "first commit");
        String web = id("iteng-web-1");
        String other = id("iteng-other-1");

        commit(WEB, Map.of("stacks/iteng/conf/index.html", "<h1>second commit</h1>\n"));
        Result plan = barge("plan");
        assertThat(plan.out()).contains("~ iteng/web  bind ./conf/index.html changed")
                .contains("1 to replace").contains("1 unchanged");
        apply();
        Shell.awaitPage("http://127.0.0.1:19701/index.html", "second commit");
        assertThat(id("iteng-web-1")).isNotEqualTo(web);
        assertThat(id("iteng-other-1")).isEqualTo(other);
        // the first commit's tree is gone with the container that bound it
        try (Stream<Path> trees = Files.list(stack.state().resolve("files/iteng"))) {
            assertThat(trees.toList()).hasSize(1);
        }

        String replaced = id("iteng-web-1");
        commit(WEB, Map.of("README.md", "unrelated\n", "stacks/iteng/conf/notes.txt", "not bound\n"));
        Result unrelated = apply();
        assertThat(unrelated.out()).contains("No changes.");
        assertThat(id("iteng-web-1")).isEqualTo(replaced);
        assertThat(id("iteng-other-1")).isEqualTo(other);
    }

    private static final String ASSEMBLED = """
            include: [../db/compose.yaml]
            services:
              web:
                extends: {file: ../common/base.yaml, service: httpd}
                ports: ["127.0.0.1:19702:8080"]
                depends_on: [store]
            """;

    @Test
    void includedAndExtendedFilesRunAndTheirRepoFilesReplaceOnlyWhatUsesThem() throws IOException {
        Map<String, String> files = Map.of(
                "stacks/common/base.yaml", """
                        services:
                          httpd:
                            image: busybox:1.36
                            command: [httpd, -f, -p, "8080", -h, /www]
                            volumes: ["./www/index.html:/www/index.html:ro"]
                        """,
                "stacks/common/www/index.html", "<h1>base v1</h1>\n",
                "stacks/db/compose.yaml", "services:\n  store:\n    image: busybox:${STORE_TAG}\n    command: [sleep, \"600\"]\n",
                "stacks/db/.env", "STORE_TAG=1.36\n");
        commit(ASSEMBLED, files);
        apply();
        Shell.awaitPage("http://127.0.0.1:19702/index.html", "base v1");
        String store = id("iteng-store-1");
        String web = id("iteng-web-1");

        // the base's file, bound from the base's directory: only the service extending it is replaced
        commit(ASSEMBLED, Map.of("stacks/common/www/index.html", "<h1>base v2</h1>\n"));
        assertThat(barge("plan").out()).contains("~ iteng/web  bind ../common/www/index.html changed")
                .contains("1 to replace").contains("1 unchanged");
        apply();
        Shell.awaitPage("http://127.0.0.1:19702/index.html", "base v2");
        assertThat(id("iteng-web-1")).isNotEqualTo(web);
        assertThat(id("iteng-store-1")).isEqualTo(store);
    }

    @Test
    void anAnonymousVolumeKeepsItsDataAcrossAReplaceAndGoesWithTheContainer() throws IOException {
        String compose = """
                services:
                  db:
                    image: busybox:1.36
                    command: [sleep, "600"]
                    environment: {GENERATION: "%s"}
                    volumes: [/var/lib/db]
                """;
        commit(compose.formatted("1"), Map.of());
        apply();
        docker("exec", "iteng-db-1", "sh", "-c", "echo kept > /var/lib/db/data");
        String volume = docker("inspect", "--format", "{{range .Mounts}}{{.Name}}{{end}}", "iteng-db-1");
        String first = id("iteng-db-1");

        commit(compose.formatted("2"), Map.of());
        apply();
        assertThat(id("iteng-db-1")).isNotEqualTo(first);
        assertThat(docker("exec", "iteng-db-1", "cat", "/var/lib/db/data")).isEqualTo("kept");
        assertThat(docker("inspect", "--format", "{{range .Mounts}}{{.Name}}{{end}}", "iteng-db-1")).isEqualTo(volume);

        commit("""
                services:
                  other:
                    image: busybox:1.36
                    command: [sleep, "600"]
                """, Map.of());
        apply();
        assertThat(docker("volume", "ls", "-q", "--filter", "name=" + volume)).isEmpty();
    }

    @Test
    void networkModeServiceSharesTheNetworkNamespace() throws IOException {
        commit("""
                services:
                  app:
                    image: busybox:1.36
                    command: [sh, -c, "mkdir -p /w && echo shared-namespace > /w/index.html && exec httpd -f -p 127.0.0.1:8080 -h /w"]
                  probe:
                    image: busybox:1.36
                    command: [sleep, "600"]
                    network_mode: service:app
                """, Map.of());
        apply();

        String page = "";
        for (int i = 0; i < 40 && !page.contains("shared-namespace"); i++) {
            try {
                page = docker("exec", "iteng-probe-1", "wget", "-qO-", "http://127.0.0.1:8080/");
            } catch (IllegalStateException notYet) {
                Shell.sleep(250);
            }
        }
        assertThat(page).contains("shared-namespace");
        assertThat(docker("inspect", "--format", "{{.HostConfig.NetworkMode}}", "iteng-probe-1"))
                .isEqualTo("container:" + id("iteng-app-1"));
    }

    @Test
    void threeReplicasRunThreeContainers() throws IOException {
        commit("""
                services:
                  worker:
                    image: busybox:1.36
                    command: [sleep, "600"]
                    deploy: {replicas: 3}
                """, Map.of());
        apply();

        assertThat(docker("ps", "--format", "{{.Names}}", "--filter", "label=dev.barge.stack=" + STACK).lines().sorted())
                .containsExactly("iteng-worker-1", "iteng-worker-2", "iteng-worker-3");
        Result again = apply();
        assertThat(again.out()).contains("No changes.");
    }
}
