package dev.barge.apply;

import static dev.barge.apply.Services.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.Failure;
import dev.barge.apply.ApplyReport.Outcome;
import dev.barge.apply.ApplyReport.StackStatus;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.docker.ActualState;
import dev.barge.plan.Fixtures;
import dev.barge.plan.Plan;
import dev.barge.plan.PlanOptions;
import dev.barge.plan.Planner;
import dev.barge.plan.PriorState;
import dev.barge.select.NodeIdentity;
import dev.barge.select.NodeSlice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where apply puts secrets (its tmpfs, bind-mounted read-only) and when it takes them away again. */
class ApplierSecretsTest {

    private static final ApplyOptions FAST = ApplyOptions.DEFAULTS.withSettleTime(Duration.ZERO)
            .withPollInterval(Duration.ofMillis(5));

    @TempDir
    Path state;
    private final FakeGateway engine = new FakeGateway();
    private final FakeTmpfs tmpfs = new FakeTmpfs();
    private final List<String> lines = new ArrayList<>();
    private SecretFiles files;
    private Applier applier;

    @BeforeEach
    void setUp() {
        engine.localImages.add("busybox:1.36");
        files = new SecretFiles(state.resolve("secrets"), tmpfs);
        applier = new Applier(engine, List.of(), FAST, lines::add, files);
    }

    @Test
    void secretsAreReadOnlyBindsFromTheTmpfsAndOnlyConfigsAreCopied() throws IOException {
        ServiceSpec web = service("web").env("PLAIN", "x").config("app_conf", "/etc/app.conf", "x=1")
                .secretFile("db_password", "/run/secrets/db_password", "hunter2-secret").build();

        ApplyReport report = applier.apply(plan(List.of(), Services.stack("shop", web)));

        assertThat(report.succeeded()).isTrue();
        assertThat(engine.calls).containsSubsequence("create shop-web-1", "copy shop-web-1 [/etc/app.conf]",
                "start shop-web-1");
        Path dir = generation(report, "shop-web-1");
        assertThat(engine.requests.get("shop-web-1").mounts()).containsExactly(new ServiceSpec.Mount(
                ServiceSpec.Mount.Type.BIND, dir.resolve("db_password").toString(), "/run/secrets/db_password", true, null));
        assertThat(Files.readString(dir.resolve("db_password"))).isEqualTo("hunter2-secret");
        assertThat(report.toString()).doesNotContain("hunter2");
        assertThat(String.join("\n", lines)).doesNotContain("hunter2");
    }

    @Test
    void aNewContainerThatFailsTakesItsSecretFilesWithIt() {
        engine.exitsWith.put("shop-web-1", 1);
        ServiceSpec web = service("web").secretFile("db_password", "/run/secrets/db_password", "hunter2").build();

        ApplyReport report = applier.apply(plan(List.of(), Services.stack("shop", web)));

        assertThat(report.stack("shop").status()).isEqualTo(StackStatus.FAILED);
        assertThat(state.resolve("secrets")).isEmptyDirectory();
    }

    @Test
    void aTmpfsThatCannotBeMountedRefusesTheStackBeforeAnythingIsCreatedWhileOthersApply() {
        tmpfs.failWith = "mount: permission denied";
        StackSpec shop = Services.stack("shop", service("web").secretFile("pw", "/run/secrets/pw", "hunter2").build());
        StackSpec blog = Services.stack("blog", service("app").build());

        ApplyReport report = applier.apply(plan(List.of(), shop, blog));

        assertThat(report.stack("shop").status()).isEqualTo(StackStatus.FAILED);
        assertThat(report.stack("shop").failure()).isEqualTo(Failure.REFUSED);
        assertThat(report.stack("shop").reason()).isEqualTo("cannot keep secrets off the disk: mounting a tmpfs on "
                + state.resolve("secrets") + " failed (mount: permission denied): run barge as root, or mount a tmpfs"
                + " there yourself");
        assertThat(engine.calls).noneMatch(c -> c.contains("shop"));
        assertThat(report.changes()).filteredOn(c -> c.address().stack().equals("shop"))
                .extracting(ApplyReport.ChangeResult::outcome).containsOnly(Outcome.SKIPPED);
        assertThat(report.stack("blog").status()).isEqualTo(StackStatus.APPLIED);
    }

    @Test
    void aReplaceThatPassesRemovesTheOldGeneration() {
        StackSpec before = Services.stack("shop", service("web").env("V", "1").secretFile("pw", "/run/pw", "a").build());
        StackSpec after = Services.stack("shop", service("web").env("V", "2").secretFile("pw", "/run/pw", "a").build());
        ActualState.Container old = Fixtures.running(before, before.project().services().get("web"));
        engine.running(old.id(), old.name());
        Path oldDir = files.write(old.name(), old.specHash(), before.project().services().get("web")).dir();

        ApplyReport report = applier.apply(plan(List.of(old), after));

        assertThat(report.succeeded()).isTrue();
        Path newDir = generation(report, "shop-web-1");
        assertThat(newDir).isNotEqualTo(oldDir).isDirectory();
        assertThat(oldDir).doesNotExist();
    }

    @Test
    void aReplaceThatFailsRemovesTheNewGenerationAndKeepsTheOld() {
        StackSpec before = Services.stack("shop", service("web").env("V", "1").secretFile("pw", "/run/pw", "a").build());
        StackSpec after = Services.stack("shop", service("web").env("V", "2").secretFile("pw", "/run/pw", "b").build());
        ActualState.Container old = Fixtures.running(before, before.project().services().get("web"));
        engine.running(old.id(), old.name());
        engine.exitsWith.put("shop-web-1", 3);
        Path oldDir = files.write(old.name(), old.specHash(), before.project().services().get("web")).dir();

        ApplyReport report = applier.apply(plan(List.of(old), after));

        assertThat(report.stack("shop").status()).isEqualTo(StackStatus.FAILED);
        assertThat(engine.containers.get(old.id()).status).isEqualTo(ActualState.Status.RUNNING);
        try (var dirs = Files.list(state.resolve("secrets"))) {
            assertThat(dirs.toList()).containsExactly(oldDir);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void startingAStoppedContainerWritesItsSecretsBackAtTheSamePaths() throws IOException {
        StackSpec stack = Services.stack("shop", service("web").secretFile("pw", "/run/pw", "hunter2").build());
        ServiceSpec web = stack.project().services().get("web");
        ActualState.Container stopped = Fixtures.with(Fixtures.running(stack, web), ActualState.Status.EXITED, 137);
        engine.running(stopped.id(), stopped.name());
        engine.stop(stopped.id(), Duration.ZERO);
        Path dir = files.generation(stopped.name(), stopped.specHash());

        ApplyReport report = applier.apply(plan(List.of(stopped), stack));

        assertThat(report.succeeded()).isTrue();
        assertThat(report.changes()).filteredOn(c -> c.address().name().equals("web"))
                .extracting(c -> c.action().name()).containsExactly("START");
        assertThat(Files.readString(dir.resolve("pw"))).isEqualTo("hunter2");
    }

    @Test
    void aDeletedContainerTakesAllItsGenerationsWithIt() {
        StackSpec stack = Services.stack("shop", service("web").secretFile("pw", "/run/pw", "hunter2").build());
        ServiceSpec web = stack.project().services().get("web");
        ActualState.Container running = Fixtures.running(stack, web);
        engine.running(running.id(), running.name());
        Path dir = files.write(running.name(), running.specHash(), web).dir();
        Path leftover = files.write(running.name(), "f".repeat(64), web).dir();

        ApplyReport report = applier.apply(new Planner(Fixtures.KEY).plan(slice(),
                new ActualState(List.of(running), List.of(), List.of(), List.of()), PriorState.NONE,
                new PlanOptions(null, true)));

        assertThat(report.succeeded()).isTrue();
        assertThat(engine.calls).contains("remove shop-web-1");
        assertThat(dir).doesNotExist();
        assertThat(leftover).doesNotExist();
    }

    private Path generation(ApplyReport report, String container) {
        return files.generation(container, report.specHashes().get(container));
    }

    private Plan plan(List<ActualState.Container> running, StackSpec... stacks) {
        return new Planner(Fixtures.KEY).plan(slice(stacks), new ActualState(running, List.of(), List.of(), List.of()),
                PriorState.NONE, new PlanOptions(null, false));
    }

    private static NodeSlice slice(StackSpec... stacks) {
        return new NodeSlice(new NodeIdentity("vm-1", Map.of()),
                Arrays.stream(stacks).map(s -> new NodeSlice.Selected(s, "test")).toList(), List.of());
    }
}
