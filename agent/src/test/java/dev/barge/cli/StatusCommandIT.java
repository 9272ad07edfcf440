package dev.barge.cli;

import dev.barge.record.HistoryOutcome;
import dev.barge.record.Trigger;
import static dev.barge.plan.ServiceBuilder.service;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.docker.ActualState;
import dev.barge.docker.ContainerRequests;
import dev.barge.docker.DockerGateway;
import dev.barge.docker.DockerJavaGateway;
import dev.barge.docker.OwnershipLabels;
import dev.barge.plan.Fixtures;
import dev.barge.record.HistoryEntry;
import dev.barge.record.NodeState;
import dev.barge.record.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * status, history and logs run as a user runs them, against containers on the real engine that carry
 * barge's ownership labels (stack {@code itstatus1}), and a state dir written by the real StateStore.
 */
class StatusCommandIT {
    private static final String STACK = "itstatus1";
    private static final String APPLIED = "1111111111111111111111111111111111111111";
    private static final String FAILED = "2222222222222222222222222222222222222222";
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    @TempDir
    Path stateDir;
    private DockerGateway gateway;

    @BeforeEach
    void setUp() throws InterruptedException {
        gateway = DockerJavaGateway.connect();
        cleanUp();
        ServiceSpec web = withQuickHealthcheck(service("web").restart("no").networkMode("none")
                .command("sh", "-c", "echo web-err >&2; sleep 0.5; echo web-line-1; echo web-line-2; echo web-line-3; exec sleep 600").build());
        ServiceSpec job = service("job").restart("no").networkMode("none")
                .command("sh", "-c", "echo job-start; sleep 2; echo job-end").build();
        StackSpec stack = Fixtures.stack(STACK, web, job);
        for (ServiceSpec s : List.of(web, job)) {
            String id = gateway.createContainer(ContainerRequests.of(stack, s,
                    OwnershipLabels.forContainer("it", STACK, s.name(), s.name().repeat(20), APPLIED)));
            gateway.start(id);
        }
        awaitHealthy(STACK + "-web-1");

        StateStore store = new StateStore(stateDir);
        store.append(new HistoryEntry(APPLIED, T0, Trigger.MANUAL, HistoryOutcome.APPLIED, "2 created", Map.of(STACK + "/web", "busybox:1.36"), null));
        store.append(new HistoryEntry(FAILED, T0.plusSeconds(60), Trigger.POLL, HistoryOutcome.FAILED, "1 replaced", Map.of(),
                STACK + ": health gate failed for web"));
        store.write(new NodeState(APPLIED, T0, Map.of(), Map.of(STACK + "/web", "busybox:1.36", STACK + "/gone", "busybox:1.36"),
                new NodeState.Attempt(FAILED, T0.plusSeconds(60), false, STACK + ": health gate failed for web"),
                null, Map.of()));
    }

    @AfterEach
    void tearDown() {
        try {
            cleanUp();
        } finally {
            gateway.close();
        }
    }

    @Test
    void statusListsTheStackAndItsContainersWithHealth() {
        CliTest.Run r = run("status");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("applied:      111111111111 at 2024-05-01T10:00:00Z")
                .contains("last attempt: 222222222222 at 2024-05-01T10:01:00Z: failed: itstatus1: health gate failed for web")
                .contains("pin:          not pinned")
                .contains("remote:       not configured")
                .contains("Stack itstatus1 (deployment it)");
        String webLine = r.out().lines().filter(l -> l.contains(STACK + "-web-1")).findFirst().orElseThrow();
        assertThat(webLine).contains(" web ").contains("running").contains("healthy").contains("busybox:1.36")
                .contains("webwebwebweb");
        assertThat(r.out()).contains(STACK + "-job-1");
    }

    @Test
    void statusJsonParsesAndHasTheContainers() throws Exception {
        CliTest.Run r = run("status", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("format_version").asText()).isEqualTo("1");
        assertThat(json.get("applied").get("commit").asText()).isEqualTo(APPLIED);
        JsonNode stack = null;
        for (JsonNode s : json.get("stacks")) {
            if (STACK.equals(s.get("name").asText())) {
                stack = s;
            }
        }
        assertThat(stack).as("stack %s in %s", STACK, r.out()).isNotNull();
        JsonNode web = stack.get("containers").findParents("service").stream()
                .filter(c -> c.get("service").asText().equals("web")).findFirst().orElseThrow();
        assertThat(web.get("health").asText()).isEqualTo("healthy");
        assertThat(web.get("image_id").asText()).startsWith("sha256:");
    }

    @Test
    void statusImageListsTheStacksThatUseIt() {
        CliTest.Run r = run("status", "--image", "busybox:1.36");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Image busybox:1.36 is used on node");
        assertThat(r.out().lines().filter(l -> l.contains(STACK + "-web-1"))).singleElement().asString()
                .startsWith("  " + STACK).contains("web");
        assertThat(r.out().lines().filter(l -> l.contains(" gone "))).singleElement().asString()
                .contains("no container (recorded for the applied commit)");

        CliTest.Run other = run("status", "--image", "barge-test/no-such-image");
        assertThat(other.code()).isZero();
        assertThat(other.out()).startsWith("No stack on node ");

        assertThat(run("status", "--image", "Not An Image").code()).isEqualTo(65);
    }

    @Test
    void historyPrintsEntriesNewestFirst() throws Exception {
        CliTest.Run r = run("history");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains("222222222222").contains("failed").endsWith("itstatus1: health gate failed for web");
        assertThat(lines.get(2)).contains("111111111111").contains("applied");

        JsonNode json = new ObjectMapper().readTree(run("history", "--json", "--limit", "1").out());
        assertThat(json.get("entries")).hasSize(1);
        assertThat(json.get("entries").get(0).get("commit").asText()).isEqualTo(FAILED);
    }

    @Test
    void logsPrintTheContainersOutput() {
        CliTest.Run r = run("logs", STACK + "/web", "--tail", "5");
        assertThat(r.code()).as(r.err()).isZero();
        // stderr goes to the same output; it came first, with a pause so the engine cannot reorder the streams
        assertThat(r.out().lines()).containsExactly("web-err", "web-line-1", "web-line-2", "web-line-3");

        CliTest.Run tail = run("logs", STACK + "/web", "--tail", "1");
        assertThat(tail.out().lines()).containsExactly("web-line-3");
    }

    @Test
    void logsOfAStackPrefixEachLineWithItsService() {
        CliTest.Run r = run("logs", STACK);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).contains("web | web-line-1", "job | job-start");
    }

    @Test
    void logsFollowUntilTheContainerStops() {
        CliTest.Run r = run("logs", "-f", STACK + "/job");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly("job-start", "job-end");
    }

    @Test
    void logsOfAnUnknownStackExit65() {
        CliTest.Run r = run("logs", "itstatus-none");
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).isEqualTo("barge: no container of stack itstatus-none runs on this node: barge status lists them\n");
        assertThat(run("logs", STACK + "/nope").code()).isEqualTo(65);
        assertThat(run("logs", "a/b/c").code()).isEqualTo(64);
    }

    private CliTest.Run run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--state-dir";
        all[args.length + 1] = stateDir.toString();
        if (args[0].equals("logs")) {
            return CliTest.run(System.getenv(), args); // logs reads no state
        }
        return CliTest.run(System.getenv(), all);
    }

    private void awaitHealthy(String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            boolean healthy = gateway.observe(Set.of()).containers().stream()
                    .anyMatch(c -> c.name().equals(name) && c.health() == ActualState.Health.HEALTHY);
            if (healthy) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " did not become healthy within 30 s");
    }

    private void cleanUp() {
        gateway.observe(Set.of()).containers().stream().filter(c -> c.stack() != null && c.stack().startsWith("itstatus"))
                .forEach(c -> {
                    try {
                        gateway.remove(c.id(), true);
                    } catch (RuntimeException e) {
                        // best effort: the others must still go
                    }
                });
    }

    private static ServiceSpec withQuickHealthcheck(ServiceSpec s) {
        return new ServiceSpec(s.name(), s.image(), s.containerName(), s.command(), s.entrypoint(), s.environment(),
                s.ports(), s.expose(), s.mounts(), s.networks(), s.networkMode(), s.restart(), s.labels(),
                new ServiceSpec.Healthcheck(List.of("CMD-SHELL", "true"), Duration.ofMillis(500), Duration.ofSeconds(2), 3,
                        null, false),
                s.dependsOn(), s.execution(), s.resources(), s.security(), s.pullPolicy(), s.logging(), s.extraHosts(),
                s.dns(), s.configs(), s.secrets(), s.sensitive());
    }
}
