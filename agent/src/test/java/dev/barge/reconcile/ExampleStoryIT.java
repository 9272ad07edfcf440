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
 * apply, drift, a change, a failed health gate, a removed stack, rollback with pin, resume. The repo
 * is a copy of the example with its stacks renamed {@code itstory-shop} and {@code itstory-status}
 * and its ports moved from 1808x to 1938x, and barge runs with {@code BARGE_STACK_PREFIX=itstory-}:
 * the demo's {@code shop} and {@code status} stacks, and other tests' stacks, are never seen or touched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExampleStoryIT {
    static final String PREFIX = "itstory-";
    static final String SHOP = PREFIX + "shop";
    static final String STATUS = PREFIX + "status";
    static final Map<String, String> ENV = Map.of("BARGE_STACK_PREFIX", PREFIX);
    static final String WEB = "http://127.0.0.1:19381/";

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
        int code = Main.run(full, new PrintWriter(out, true), new PrintWriter(err, true), ENV);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void repoFromTheExample() throws IOException {
        Shell.removeStacks(SHOP, STATUS);
        docker("tag", "busybox:1.36", "busybox:1.36-two");
        repo = tmp.resolve("config");
        copy(Path.of("../examples/config-repo"), repo);
        ownStacksAndPorts(repo.resolve("deployments/mars.yaml"));
        git(repo, "init", "-q", "-b", "main");
        commit1 = commitAll(repo, "one: the example");
        agent = tmp.resolve("agent.yaml");
        Files.writeString(agent, """
                node: {name: demo-1, labels: {client: mars, environment: staging, solution: shop}}
                source: {url: "file://%s", branch: main, path: ., poll_interval: 30s}
                state_dir: %s
                """.formatted(repo, tmp.resolve("state")));
    }

    /** The example's stacks renamed into this test's prefix, its ports 1808x moved to 1938x. */
    static void ownStacksAndPorts(Path deployments) throws IOException {
        String text = Files.readString(deployments);
        assertThat(text).contains("  - name: shop\n", "  - name: status\n", "18081");
        Files.writeString(deployments, text.replace("  - name: shop\n", "  - name: " + SHOP + "\n")
                .replace("  - name: status\n", "  - name: " + STATUS + "\n").replaceAll("\\b1808(\\d)\\b", "1938$1"));
    }

    @AfterAll
    static void cleanUp() {
        Shell.removeStacks(SHOP, STATUS);
    }

    @Test
    @Order(1)
    void aFirstPlanCreatesEverythingAndExitCodeSaysSo() {
        Run plan = barge("plan", "--exit-code");
        assertThat(plan.code()).as(plan.all()).isEqualTo(2);
        assertThat(plan.out()).contains("+ " + SHOP + "/web", "+ " + SHOP + "/api", "+ " + STATUS + "/status",
                        "+ volume/" + SHOP + "_data")
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
        awaitPage("http://127.0.0.1:19382/", "\"service\": \"api\"");
        hashesAfterCommit1 = specHashes();
        assertThat(hashesAfterCommit1).containsKeys(SHOP + "-web-1", SHOP + "-api-1", SHOP + "-worker-1", STATUS + "-status-1");
        Run again = barge("plan", "--exit-code");
        assertThat(again.code()).as(again.all()).isZero();
        assertThat(again.out()).contains("No changes.");
    }

    @Test
    @Order(3)
    void twoSeparateJvmRunsPlanIdenticalJson() {
        String jar = System.getProperty("barge.jar");
        String first = Shell.run(null, "env", "BARGE_STACK_PREFIX=" + PREFIX, "java", "-jar", jar, "plan", "--json",
                "--config", agent.toString());
        String second = Shell.run(null, "env", "BARGE_STACK_PREFIX=" + PREFIX, "java", "-Duser.language=tr", "-Duser.timezone=Asia/Tokyo", "-jar", jar, "plan",
                "--json", "--config", agent.toString());
        assertThat(first).contains("\"spec_hash\"").isEqualTo(second);
    }

    @Test
    @Order(4)
    void driftIsShownWithItsReasonAndCorrected() {
        docker("rm", "-f", SHOP + "-worker-1");
        docker("stop", "-t", "1", SHOP + "-api-1");
        docker("rm", "-f", SHOP + "-web-1");
        docker("run", "-d", "--name", SHOP + "-web-1", "--label", "dev.barge.managed=true", "--label", "dev.barge.stack=" + SHOP,
                "--label", "dev.barge.service=web", "--label", "dev.barge.deployment=mars-staging",
                "--label", "dev.barge.spec=changed-by-hand", "busybox:1.36", "sleep", "600");
        Run plan = barge("plan");
        assertThat(plan.out()).containsPattern("\\+ " + SHOP + "/worker .*(missing|gone)")
                .containsPattern("> " + SHOP + "/api .*stopped")
                .containsPattern("~ " + SHOP + "/web .*outside barge");
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
        replace(repo.resolve("deployments/mars.yaml"), "      WEB_PORT: 19381\n", "      WEB_PORT: 19381\n      GREETING: Hello from commit two\n");
        commitAll(repo, "two: new web image tag and greeting");
        Run plan = barge("plan");
        assertThat(plan.out()).contains("~ " + SHOP + "/web").contains("image").contains("busybox:1.36-two")
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
        assertThat(apply.out()).contains(SHOP).containsIgnoringCase("health");
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
        int shop = mars.indexOf("  - name: " + SHOP);
        int status = mars.indexOf("  - name: " + STATUS);
        Files.writeString(repo.resolve("deployments/mars.yaml"), mars.substring(0, shop) + mars.substring(status));
        commitAll(repo, "four: no shop in staging");
        Run apply = barge("apply", "--auto-approve");
        assertThat(apply.code()).as(apply.all()).isZero();
        assertThat(docker("ps", "-a", "--filter", "label=dev.barge.stack=" + SHOP, "-q")).isEmpty();
        assertThat(docker("volume", "ls", "-q", "--filter", "name=" + SHOP + "_data")).contains(SHOP + "_data");
    }

    @Test
    @Order(8)
    void rollbackRestoresCommitOneAndPinsTheNodeUntilResume() throws IOException {
        Run rollback = barge("rollback", commit1.substring(0, 10), "--auto-approve");
        assertThat(rollback.code()).as(rollback.all()).isZero();
        awaitPage(WEB, "Hello from the shop");
        List<HistoryEntry> history = history();
        HistoryEntry first = history.stream().filter(e -> e.commit().equals(commit1)).findFirst().orElseThrow();
        HistoryEntry rolledBack = history.get(history.size() - 1);
        assertThat(rolledBack.trigger().wire()).isEqualTo("rollback");
        assertThat(rolledBack.digests()).isEqualTo(first.digests());
        // commit one's config with its recorded images pinned in: every service runs the image it ran then
        assertThat(specHashes().keySet()).isEqualTo(hashesAfterCommit1.keySet());
        first.digests().forEach((service, digest) -> assertThat(docker("inspect", "-f", "{{.Image}}",
                service.replace("/", "-") + "-1").strip()).as(service).isEqualTo(digest));
        assertThat(new StateStore(tmp.resolve("state")).read().pin().commit()).isEqualTo(commit1);
        Map<String, String> rolledBackHashes = specHashes();

        replace(repo.resolve("deployments/mars.yaml"), "STATUS_PORT: 19383", "STATUS_PORT: 19383, EXTRA: five");
        String head = commitAll(repo, "five: the branch moves on");
        Run plan = barge("plan", "--exit-code");
        assertThat(plan.code()).as(plan.all()).isZero();
        Run pinned = barge("apply", "--auto-approve");
        assertThat(pinned.code()).as(pinned.all()).isZero();
        assertThat(pinned.out()).contains("pinned").contains("No changes.");
        assertThat(specHashes()).isEqualTo(rolledBackHashes);

        Run resume = barge("resume", "--auto-approve");
        assertThat(resume.code()).as(resume.all()).isZero();
        var state = new StateStore(tmp.resolve("state")).read();
        assertThat(state.pin()).isNull();
        assertThat(state.appliedCommit()).isEqualTo(head);
        assertThat(docker("ps", "-a", "--filter", "label=dev.barge.stack=" + SHOP, "-q")).isEmpty();
    }

    static Map<String, String> specHashes() {
        Map<String, String> hashes = new TreeMap<>();
        for (String line : docker("ps", "-a", "--filter", "label=dev.barge.managed=true", "--format",
                "{{.Names}} {{.Label \"dev.barge.spec\"}}").lines().toList()) {
            String[] parts = line.split(" ");
            if (parts[0].startsWith(SHOP + "-") || parts[0].startsWith(STATUS + "-")) {
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
