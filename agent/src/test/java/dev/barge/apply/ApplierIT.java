package dev.barge.apply;

import dev.barge.plan.ServiceBuilder;
import static dev.barge.apply.Services.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.apply.ApplyReport.Outcome;
import dev.barge.apply.ApplyReport.StackStatus;
import dev.barge.config.model.FileContent;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.Dependency.Condition;
import dev.barge.config.model.ServiceSpec.PullPolicy;
import dev.barge.config.model.StackSpec;
import dev.barge.docker.ActualState;
import dev.barge.docker.DockerGateway;
import dev.barge.docker.DockerJavaGateway;
import dev.barge.plan.Action;
import dev.barge.plan.Change;
import dev.barge.plan.Fixtures;
import dev.barge.plan.Plan;
import dev.barge.plan.PlanOptions;
import dev.barge.plan.Planner;
import dev.barge.plan.PriorState;
import dev.barge.plan.Reason;
import dev.barge.select.NodeIdentity;
import dev.barge.select.NodeSlice;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The applier against the real engine: plans made by the real planner from what the gateway
 * observes, restricted to this class's stacks ({@code itapply*}) so other tests' containers on the
 * same engine are never planned for deletion. Ports 19201-19209 on 127.0.0.1.
 */
class ApplierIT {

    private static final String PREFIX = "itapply";
    private static final String COMMIT = "a".repeat(40);
    private static final String HTTPD = "echo starting $MSG; mkdir -p /www && echo $MSG > /www/index.html"
            + " && exec httpd -f -p 8080 -h /www";
    private static final String HEALTHY = "wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1";
    private static final ApplyOptions OPTIONS = ApplyOptions.DEFAULTS.withSettleTime(Duration.ofSeconds(1))
            .withPollInterval(Duration.ofMillis(200)).withStopTimeout(Duration.ofSeconds(2));

    /** The state dir's secrets dir: apply mounts a tmpfs on it; outside /tmp, which a test scans for secrets. */
    private static Path stateDir;
    private static Path secretsDir;

    private DockerGateway gateway;
    private final List<String> lines = new ArrayList<>();

    @BeforeAll
    static void stateDir() throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        stateDir = Files.createTempDirectory(target, "applier-it-state");
        secretsDir = stateDir.resolve("secrets");
    }

    @AfterAll
    static void unmountSecrets() throws IOException {
        if (run("findmnt", "-n", secretsDir.toString()).exit() == 0) {
            Result umount = run("umount", secretsDir.toString());
            assertThat(umount.exit()).as("umount " + secretsDir + ": " + umount.out()).isZero();
        }
        try (var paths = Files.walk(stateDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @BeforeEach
    void connect() {
        gateway = DockerJavaGateway.connect();
        cleanUp();
    }

    @AfterEach
    void close() {
        try {
            cleanUp();
        } finally {
            gateway.close();
        }
    }

    @Test
    void createsThenPlansNothingThenReplacesOnAnEnvironmentChange() throws Exception {
        StackSpec v1 = Services.stack("itapply1", web("v1", 19201).build());
        ApplyReport first = apply(plan(PriorState.NONE, v1));

        assertThat(first.succeeded()).isTrue();
        assertThat(first.stack("itapply1").status()).isEqualTo(StackStatus.APPLIED);
        assertThat(get(19201)).isEqualTo("v1");
        assertThat(first.digests().get("itapply1/web")).startsWith("sha256:");
        assertThat(lines).anyMatch(l -> l.matches("\\+ itapply1/web created \\(healthy in .*s\\)"));
        String firstId = gateway.inspect("itapply1-web-1").id();

        assertThat(plan(prior(first), v1).hasChanges()).isFalse();

        StackSpec v2 = Services.stack("itapply1", web("v2", 19201).build());
        Plan change = plan(prior(first), v2);
        assertThat(change.changes()).filteredOn(Change::acts).singleElement()
                .satisfies(c -> assertThat(c.action()).isEqualTo(Action.REPLACE));
        ApplyReport second = apply(change);

        assertThat(second.succeeded()).isTrue();
        assertThat(get(19201)).isEqualTo("v2");
        List<ActualState.Container> now = mine(Set.of("itapply1")).containers();
        assertThat(now).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("itapply1-web-1");
            assertThat(c.id()).isNotEqualTo(firstId);
            assertThat(c.specHash()).isEqualTo(second.specHashes().get("itapply1-web-1"));
        });
    }

    @Test
    void aReplaceThatFailsItsHealthcheckBringsTheOldContainerBack() throws Exception {
        StackSpec v1 = Services.stack("itapply2", web("v1", 19202).build());
        ApplyReport first = apply(plan(PriorState.NONE, v1));
        assertThat(first.succeeded()).isTrue();
        String oldHash = first.specHashes().get("itapply2-web-1");

        StackSpec broken = Services.stack("itapply2", web("v2", 19202)
                .healthcheck("wget -q -O /dev/null http://127.0.0.1:9/ || exit 1", 2).build());
        ApplyReport second = apply(plan(prior(first), broken));

        assertThat(second.succeeded()).isFalse();
        assertThat(second.stack("itapply2").reason()).isEqualTo(
                "itapply2/web failed its health gate: healthcheck reported unhealthy; the old container runs again");
        assertThat(second.changes()).filteredOn(c -> c.outcome() == Outcome.FAILED).singleElement()
                .satisfies(c -> assertThat(c.logTail()).contains("starting v2"));
        assertThat(lines).contains("    | starting v2");
        assertThat(get(19202)).isEqualTo("v1");
        assertThat(mine(Set.of("itapply2")).containers()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("itapply2-web-1");
            assertThat(c.specHash()).isEqualTo(oldHash);
            assertThat(c.running()).isTrue();
        });
    }

    @Test
    void aMigrationJobCompletesBeforeTheAppThatNeedsItsResult() {
        StackSpec stack = Services.stack("itapply3", Duration.ofSeconds(10), List.of("data"),
                service("migrate").restart("no").volume("data", "/data")
                        .shell("sleep 1; echo migrated-$(date +%s) > /data/done").build(),
                service("app").volume("data", "/data").dependsOn("migrate", Condition.SERVICE_COMPLETED_SUCCESSFULLY)
                        .shell("cat /data/done || echo no-file; exec sleep 300").build());

        ApplyReport report = apply(plan(PriorState.NONE, stack));

        assertThat(report.succeeded()).isTrue();
        assertThat(lines).anyMatch(l -> l.startsWith("+ itapply3/migrate created (completed in "));
        assertThat(gateway.inspect("itapply3-migrate-1").exitCode()).isZero();
        assertThat(gateway.inspect("itapply3-app-1").running()).isTrue();
        assertThat(gateway.logs("itapply3-app-1", 5)).anyMatch(l -> l.startsWith("migrated-"));
        assertThat(plan(prior(report), stack).hasChanges()).isFalse();
    }

    @Test
    void aFailingStackDoesNotStopAnother() {
        StackSpec failing = Services.stack("itapply4", service("web").restart("no").shell("echo broken; exit 3").build());
        StackSpec fine = Services.stack("itapply5", service("web").shell("exec sleep 300").build());

        ApplyReport report = apply(plan(PriorState.NONE, failing, fine));

        assertThat(report.succeeded()).isFalse();
        assertThat(report.stack("itapply4").reason())
                .isEqualTo("itapply4/web failed its health gate: exited with code 3; the new container was removed");
        assertThat(report.changes()).filteredOn(c -> c.outcome() == Outcome.FAILED).singleElement()
                .satisfies(c -> assertThat(c.logTail()).containsExactly("broken"));
        assertThat(report.stack("itapply5").status()).isEqualTo(StackStatus.APPLIED);
        assertThat(gateway.inspect("itapply5-web-1").running()).isTrue();
        assertThat(mine(Set.of("itapply4")).containers()).isEmpty();
    }

    @Test
    void pullPolicyNeverWithAMissingImageFailsOnlyThatStackBeforeTouchingIt() {
        StackSpec missing = Services.stack("itapply6", service("web").image("barge-test/absent:1")
                .pullPolicy(PullPolicy.NEVER).build());
        StackSpec fine = Services.stack("itapply7", service("web").pullPolicy(PullPolicy.NEVER)
                .shell("exec sleep 300").build());

        ApplyReport report = apply(plan(PriorState.NONE, missing, fine));

        assertThat(report.stack("itapply6").reason()).isEqualTo("itapply6/web: image barge-test/absent:1 is not present"
                + " locally and its pull_policy is never: load it on this host (docker pull or docker load) or change"
                + " pull_policy");
        assertThat(report.stack("itapply6").failure()).isEqualTo(dev.barge.Failure.FAILED);
        ActualState six = mine(Set.of("itapply6"));
        assertThat(six.containers()).isEmpty();
        assertThat(six.networks()).isEmpty();
        assertThat(report.stack("itapply7").status()).isEqualTo(StackStatus.APPLIED);
    }

    @Test
    void configsAndSecretsLandInTheContainerWithTheirModesAndSecretsStayOffTheDisk() throws IOException {
        String secret = "itapply-secret-" + System.nanoTime();
        StackSpec stack = Services.stack("itapply8", service("web")
                .config("app_conf", "/etc/app.conf", "x=1\n")
                .secretFile("db_password", "/run/secrets/db_password", secret)
                .shell("stat -c '%a %u %n' /etc/app.conf /run/secrets/db_password; cat /etc/app.conf;"
                        // its hash, not the secret: the container's log is a file on the disk
                        + " sha256sum /run/secrets/db_password | cut -d' ' -f1;"
                        + " (echo x > /run/secrets/db_password) 2>/dev/null && echo writable || echo read-only;"
                        + " exec sleep 300").build());

        ApplyReport report = apply(plan(PriorState.NONE, stack));

        assertThat(report.succeeded()).isTrue();
        assertThat(gateway.logs("itapply8-web-1", 10)).containsExactly("444 0 /etc/app.conf",
                "400 0 /run/secrets/db_password", "x=1", FileContent.plain(secret).sha256(), "read-only");
        assertThat(report.toString()).doesNotContain(secret);
        assertThat(String.join("\n", lines)).doesNotContain(secret);
        assertThat(filesContaining(Path.of(System.getProperty("java.io.tmpdir")), secret)).isEmpty();

        String id = gateway.inspect("itapply8-web-1").id();
        Path upper = Path.of(run("docker", "inspect", "-f", "{{.GraphDriver.Data.UpperDir}}", id).out());
        assertThat(upper).isDirectory();
        // a config does land in the writable layer: the scan would find a secret there
        assertThat(filesContaining(upper, "x=1", Integer.MAX_VALUE)).contains(upper.resolve("etc/app.conf"));
        assertThat(filesContaining(upper, secret, Integer.MAX_VALUE)).as("the container's writable layer").isEmpty();
        assertThat(filesContaining(Path.of("/var/lib/docker/containers", id), secret, Integer.MAX_VALUE))
                .as("the container's files").isEmpty();
        assertThat(run("stat", "-f", "-c", "%T", secretsDir.toString()).out()).isEqualTo("tmpfs");
        Path generation = secretsDir.resolve("itapply8-web-1." + report.specHashes().get("itapply8-web-1").substring(0, 12));
        assertThat(filesContaining(secretsDir, secret)).containsExactly(generation.resolve("db_password"));

        ApplyReport deleted = apply(plan(Set.of("itapply8"), prior(report), true));

        assertThat(deleted.succeeded()).isTrue();
        assertThat(mine(Set.of("itapply8")).containers()).isEmpty();
        assertThat(generation).doesNotExist();
    }

    @Test
    void driftIsCorrectedARemovedContainerComesBackAStoppedOneIsStarted() {
        StackSpec stack = Services.stack("itapply9", service("a").shell("exec sleep 300").build(),
                service("b").shell("exec sleep 300").build());
        ApplyReport first = apply(plan(PriorState.NONE, stack));
        assertThat(first.succeeded()).isTrue();

        gateway.remove("itapply9-a-1", true);
        gateway.stop("itapply9-b-1", Duration.ofSeconds(1));
        Plan drift = plan(prior(first), stack);
        assertThat(drift.changes()).filteredOn(Change::acts).extracting(c -> c.action() + " " + c.reason().code())
                .containsExactly("CREATE drift_missing", "START drift_stopped");

        ApplyReport second = apply(drift);

        assertThat(second.succeeded()).isTrue();
        assertThat(gateway.inspect("itapply9-a-1").running()).isTrue();
        assertThat(gateway.inspect("itapply9-b-1").running()).isTrue();
        assertThat(lines).anyMatch(l -> l.startsWith("> itapply9/b started (running without restart for "));
    }

    @Test
    void deletingARemovedStackKeepsItsNamedVolumeUnlessAsked() {
        StackSpec stack = Services.stack("itapply10", Duration.ofSeconds(10), List.of("data"),
                service("db").volume("data", "/data").shell("echo kept > /data/x; exec sleep 300").build());
        ApplyReport first = apply(plan(PriorState.NONE, stack));
        assertThat(first.succeeded()).isTrue();

        Set<String> scope = Set.of("itapply10");
        Plan removal = plan(scope, prior(first), true);
        assertThat(removal.changes()).extracting(c -> c.action() + " " + c.address())
                .containsExactly("DELETE itapply10/db", "DELETE network/itapply10_default", "NONE volume/itapply10_data");
        ApplyReport deleted = apply(removal);

        assertThat(deleted.succeeded()).isTrue();
        ActualState after = mine(scope);
        assertThat(after.containers()).isEmpty();
        assertThat(after.networks()).isEmpty();
        assertThat(after.volumes()).extracting(ActualState.Volume::name).containsExactly("itapply10_data");

        Plan again = plan(scope, PriorState.NONE, true);
        assertThat(again.changes()).singleElement().satisfies(c -> assertThat(c.reason()).isInstanceOf(Reason.RemovedFromConfig.class));
        assertThat(apply(again).changes()).extracting(ApplyReport.ChangeResult::outcome).containsOnly(ApplyReport.Outcome.UNCHANGED);
        assertThat(mine(scope).volumes()).extracting(ActualState.Volume::name).containsExactly("itapply10_data");

        Plan asked = new Planner(Fixtures.KEY).plan(new NodeSlice(new NodeIdentity("vm-it", Map.of()), List.of(), List.of()),
                mine(scope), PriorState.NONE, new PlanOptions(COMMIT, true, true));
        assertThat(asked.changes()).extracting(c -> c.action() + " " + c.address()).containsExactly("DELETE volume/itapply10_data");
        ApplyReport removed = apply(asked);
        assertThat(removed.succeeded()).isTrue();
        assertThat(mine(scope).volumes()).isEmpty();
    }

    private static ServiceBuilder web(String message, int port) {
        return service("web").env("MSG", message).port(port, 8080).shell(HTTPD).healthcheck(HEALTHY, 2);
    }

    private ApplyReport apply(Plan plan) {
        lines.clear();
        ApplyReport report = new Applier(gateway, List.of(), OPTIONS, lines::add, secretsDir).apply(plan);
        System.out.println(String.join("\n", lines));
        return report;
    }

    private Plan plan(PriorState prior, StackSpec... stacks) {
        return plan(Arrays.stream(stacks).map(StackSpec::name).collect(Collectors.toSet()), prior, false, stacks);
    }

    /** A plan for {@code stacks}, seeing only the engine objects of the stacks in {@code scope}. */
    private Plan plan(Set<String> scope, PriorState prior, boolean allowEmpty, StackSpec... stacks) {
        NodeSlice slice = new NodeSlice(new NodeIdentity("vm-it", Map.of()),
                Arrays.stream(stacks).map(s -> new NodeSlice.Selected(s, "test")).toList(), List.of());
        Set<String> images = Arrays.stream(stacks).flatMap(s -> s.project().services().values().stream())
                .map(ServiceSpec::image).collect(Collectors.toCollection(TreeSet::new));
        return new Planner(Fixtures.KEY).plan(slice, mine(scope, images), prior, new PlanOptions(COMMIT, allowEmpty));
    }

    private static PriorState prior(ApplyReport report) {
        return new PriorState(COMMIT, report.specHashes());
    }

    private ActualState mine(Set<String> stacks) {
        return mine(stacks, Set.of());
    }

    private ActualState mine(Set<String> stacks, Set<String> images) {
        ActualState all = gateway.observe(images);
        return new ActualState(
                all.containers().stream().filter(c -> stacks.contains(c.stack())).toList(),
                all.networks().stream().filter(n -> stacks.contains(n.stack())).toList(),
                all.volumes().stream().filter(v -> stacks.contains(v.stack())).toList(),
                all.images());
    }

    /** Removes everything of this class's stacks; never throws, so every step runs. */
    private void cleanUp() {
        OwnStacks.remove(gateway, PREFIX);
    }

    /** The body of http://127.0.0.1:port/, trimmed, retrying for a few seconds while the port opens. */
    private static String get(int port) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(2)).build();
        IOException last = null;
        for (int i = 0; i < 25; i++) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString()).body().trim();
            } catch (IOException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new AssertionError("nothing answers on 127.0.0.1:" + port, last);
    }

    private record Result(int exit, String out) {
    }

    private static Result run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            return new Result(p.waitFor(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }

    /** Readable files under {@code dir} (4 levels deep, under 1 MB) that contain {@code text}; unreadable ones are skipped. */
    private static List<Path> filesContaining(Path dir, String text) throws IOException {
        return filesContaining(dir, text, 4);
    }

    private static List<Path> filesContaining(Path dir, String text, int depth) throws IOException {
        String needle = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(dir, Set.of(), depth, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                try {
                    if (attrs.isRegularFile() && attrs.size() < 1_000_000
                            && new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(needle)) {
                        found.add(file);
                    }
                } catch (IOException | RuntimeException e) {
                    // unreadable or gone: not ours
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }
}
