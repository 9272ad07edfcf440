package dev.barge.reconcile;

import static dev.barge.reconcile.Shell.awaitPage;
import static dev.barge.reconcile.Shell.commitAll;
import static dev.barge.reconcile.Shell.docker;
import static dev.barge.reconcile.Shell.git;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.Main;
import dev.barge.record.HistoryEntry;
import dev.barge.record.StateStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example repo's whole life on a real engine, driven through the CLI as a user would: plan,
 * apply, drift, a change, a failed health gate, a removed stack, rollback with pin, resume.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExampleStoryIT {
    static final String WEB = "http://127.0.0.1:18081/";

    @TempDir
    static Path tmp;
    static Path repo;
    static Path agent;
    static String commit1;
    static Map<String, String> hashesAfterCommit1;

    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Run barge(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] full = Stream.concat(Stream.of(args), Stream.of("--config", agent.toString())).toArray(String[]::new);
        int code = Main.run(full, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void repoFromTheExample() throws IOException {
        Shell.removeStacks("shop", "status");
        docker("tag", "busybox:1.36", "busybox:1.36-two");
        repo = tmp.resolve("config");
        copy(Path.of("../examples/config-repo"), repo);
        git(repo, "init", "-q", "-b", "main");
        commit1 = commitAll(repo, "one: the example");
        agent = tmp.resolve("agent.yaml");
        Files.writeString(agent, """
                node: {name: demo-1, labels: {client: mars, environment: staging, solution: shop}}
                source: {url: "file://%s", branch: main, path: ., poll_interval: 30s}
                state_dir: %s
                """.formatted(repo, tmp.resolve("state")));
    }

    @AfterAll
    static void cleanUp() {
        Shell.removeStacks("shop", "status");
    }

    @Test
    @Order(1)
    void aFirstPlanCreatesEverythingAndExitCodeSaysSo() {
        Run plan = barge("plan", "--exit-code");
        assertThat(plan.code()).as(plan.all()).isEqualTo(2);
        assertThat(plan.out()).contains("+ shop/web", "+ shop/api", "+ status/status", "+ volume/shop_data")
                .contains("0 to replace").doesNotContain("~ ");
        Run json = barge("plan", "--json");
        assertThat(json.out()).contains("\"format_version\"").contains("\"action\": \"create\"").doesNotContain("\"action\": \"replace\"");
    }

    @Test
    @Order(2)
    void applyingCommitOneServesTheExampleAndThenPlansNothing() {
        Run apply = barge("apply", "--auto-approve");
        assertThat(apply.code()).as(apply.all()).isZero();
        awaitPage(WEB, "Hello from the shop");
        awaitPage("http://127.0.0.1:18082/", "\"service\": \"api\"");
        hashesAfterCommit1 = specHashes();
        assertThat(hashesAfterCommit1).containsKeys("shop-web-1", "shop-api-1", "shop-worker-1", "status-status-1");
        Run again = barge("plan", "--exit-code");
        assertThat(again.code()).as(again.all()).isZero();
        assertThat(again.out()).contains("No changes.");
    }

    @Test
    @Order(3)
    void twoSeparateJvmRunsPlanIdenticalJson() {
        String jar = System.getProperty("barge.jar");
        String first = Shell.run(null, "java", "-jar", jar, "plan", "--json", "--config", agent.toString());
        String second = Shell.run(null, "java", "-Duser.language=tr", "-Duser.timezone=Asia/Tokyo", "-jar", jar, "plan",
                "--json", "--config", agent.toString());
        assertThat(first).contains("\"spec_hash\"").isEqualTo(second);
    }

    @Test
    @Order(4)
    void driftIsShownWithItsReasonAndCorrected() {
        docker("rm", "-f", "shop-worker-1");
        docker("stop", "-t", "1", "shop-api-1");
        docker("rm", "-f", "shop-web-1");
        docker("run", "-d", "--name", "shop-web-1", "--label", "dev.barge.managed=true", "--label", "dev.barge.stack=shop",
                "--label", "dev.barge.service=web", "--label", "dev.barge.deployment=mars-staging",
                "--label", "dev.barge.spec=changed-by-hand", "busybox:1.36", "sleep", "600");
        Run plan = barge("plan");
        assertThat(plan.out()).containsPattern("\\+ shop/worker .*(missing|gone)")
                .containsPattern("> shop/api .*stopped")
                .containsPattern("~ shop/web .*outside barge");
        Run apply = barge("apply", "--auto-approve");
        assertThat(apply.code()).as(apply.all()).isZero();
        awaitPage(WEB, "Hello from the shop");
        assertThat(specHashes()).isEqualTo(hashesAfterCommit1);
        assertThat(barge("plan", "--exit-code").code()).isZero();
    }

    @Test
    @Order(5)
    void commitTwoChangesAnImageTagAndAnEnvValueAndIsRolledOut() throws IOException {
        replace(repo.resolve("stacks/shop/compose.yaml"), "image: busybox:1.36\n    command:\n      - sh\n      - -c\n      - |\n        mkdir -p /www",
                "image: busybox:1.36-two\n    command:\n      - sh\n      - -c\n      - |\n        mkdir -p /www");
        replace(repo.resolve("deployments/mars.yaml"), "      WEB_PORT: 18081\n", "      WEB_PORT: 18081\n      GREETING: Hello from commit two\n");
        commitAll(repo, "two: new web image tag and greeting");
        Run plan = barge("plan");
        assertThat(plan.out()).contains("~ shop/web").contains("image").contains("busybox:1.36-two")
                .contains("environment.GREETING");
        Run apply = barge("apply", "--auto-approve");
        assertThat(apply.code()).as(apply.all()).isZero();
        awaitPage(WEB, "Hello from commit two");
    }

    @Test
    @Order(6)
    void aCommitThatFailsItsHealthGateLeavesTheOldContainerServing() throws IOException {
        replace(repo.resolve("deployments/mars.yaml"), "GREETING: Hello from commit two", "GREETING: Never served");
        replace(repo.resolve("stacks/shop/compose.yaml"), "\"http://127.0.0.1:8080/\"]", "\"http://127.0.0.1:8089/\"]");
        replace(repo.resolve("deployments/mars.yaml"), "    health_timeout: 90s", "    health_timeout: 15s");
        commitAll(repo, "three: a broken healthcheck");
        Run apply = barge("apply", "--auto-approve");
        assertThat(apply.code()).as(apply.all()).isEqualTo(1);
        assertThat(apply.out()).contains("shop").containsIgnoringCase("health");
        awaitPage(WEB, "Hello from commit two");
        HistoryEntry last = history().get(history().size() - 1);
        assertThat(last.outcome().wire()).isIn("failed", "partially-applied");
        assertThat(last.error()).containsIgnoringCase("health");
        git(repo, "revert", "--no-edit", "HEAD");
    }

    @Test
    @Order(7)
    void removingAStackRemovesItsContainersButKeepsItsNamedVolume() throws IOException {
        String mars = Files.readString(repo.resolve("deployments/mars.yaml"));
        int shop = mars.indexOf("  - name: shop");
        int status = mars.indexOf("  - name: status");
        Files.writeString(repo.resolve("deployments/mars.yaml"), mars.substring(0, shop) + mars.substring(status));
        commitAll(repo, "four: no shop in staging");
        Run apply = barge("apply", "--auto-approve");
        assertThat(apply.code()).as(apply.all()).isZero();
        assertThat(docker("ps", "-a", "--filter", "label=dev.barge.stack=shop", "-q")).isEmpty();
        assertThat(docker("volume", "ls", "-q", "--filter", "name=shop_data")).contains("shop_data");
    }

    @Test
    @Order(8)
    void rollbackRestoresCommitOneAndPinsTheNodeUntilResume() throws IOException {
        Run rollback = barge("rollback", commit1.substring(0, 10), "--auto-approve");
        assertThat(rollback.code()).as(rollback.all()).isZero();
        awaitPage(WEB, "Hello from the shop");
        assertThat(specHashes()).isEqualTo(hashesAfterCommit1);
        List<HistoryEntry> history = history();
        HistoryEntry first = history.stream().filter(e -> e.commit().equals(commit1)).findFirst().orElseThrow();
        HistoryEntry rolledBack = history.get(history.size() - 1);
        assertThat(rolledBack.trigger().wire()).isEqualTo("rollback");
        assertThat(rolledBack.digests()).isEqualTo(first.digests());
        assertThat(new StateStore(tmp.resolve("state")).read().pin().commit()).isEqualTo(commit1);

        replace(repo.resolve("deployments/mars.yaml"), "STATUS_PORT: 18083", "STATUS_PORT: 18083, EXTRA: five");
        String head = commitAll(repo, "five: the branch moves on");
        Run pinned = barge("apply", "--auto-approve");
        assertThat(pinned.code()).as(pinned.all()).isZero();
        assertThat(pinned.out()).contains("pinned").contains("No changes.");
        assertThat(specHashes()).isEqualTo(hashesAfterCommit1);

        Run resume = barge("resume", "--auto-approve");
        assertThat(resume.code()).as(resume.all()).isZero();
        var state = new StateStore(tmp.resolve("state")).read();
        assertThat(state.pin()).isNull();
        assertThat(state.appliedCommit()).isEqualTo(head);
        assertThat(docker("ps", "-a", "--filter", "label=dev.barge.stack=shop", "-q")).isEmpty();
    }

    static Map<String, String> specHashes() {
        Map<String, String> hashes = new TreeMap<>();
        for (String line : docker("ps", "-a", "--filter", "label=dev.barge.managed=true", "--format",
                "{{.Names}} {{.Label \"dev.barge.spec\"}}").lines().toList()) {
            String[] parts = line.split(" ");
            if (parts[0].startsWith("shop-") || parts[0].startsWith("status-")) {
                hashes.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return hashes;
    }

    static List<HistoryEntry> history() {
        return new StateStore(tmp.resolve("state")).history();
    }

    static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as(file + " holds the text to change").contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
