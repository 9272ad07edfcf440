package dev.barge.apply;

import static dev.barge.apply.Services.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.model.BargeSettings.RegistryAuth;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.PullPolicy;
import dev.barge.config.model.StackSpec;
import dev.barge.plan.Action;
import dev.barge.plan.Address;
import dev.barge.plan.ContainerChange;
import dev.barge.plan.Reason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ImagePullsTest {

    private final FakeGateway engine = new FakeGateway();

    @ParameterizedTest(name = "{0}, local={1}, {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            // policy | image local | action | calls                  | digest or failure
            "ALWAYS  | true  | CREATE  | pull app:1               | app@sha256:pulled",
            "ALWAYS  | false | REPLACE | pull app:1               | app@sha256:pulled",
            "MISSING | true  | CREATE  | ''                       | sha256:local-app:1",
            "MISSING | false | CREATE  | pull app:1               | app@sha256:pulled",
            "NEVER   | true  | CREATE  | ''                       | sha256:local-app:1",
            "NEVER   | false | CREATE  | ''                       | FAIL:web: image app:1 is not present locally and its pull_policy is never",
            "ALWAYS  | true  | START   | ''                       | sha256:local-app:1",
            "ALWAYS  | true  | NONE    | ''                       | sha256:local-app:1",
            "ALWAYS  | false | NONE    | ''                       | NONE",
    })
    void honoursPullPolicy(PullPolicy policy, boolean local, Action action, String calls, String expected) {
        if (local) {
            engine.localImages.add("app:1");
        }
        StackSpec stack = Services.stack("shop", service("web").image("app:1").pullPolicy(policy).build());
        ImagePulls.Result r = new ImagePulls(engine, new RegistryLogins(List.of()), 2).run(List.of(change(stack, action)));

        assertThat(String.join(",", engine.calls)).isEqualTo(calls);
        if (expected.startsWith("FAIL:")) {
            assertThat(r.failedStacks()).containsOnlyKeys("shop");
            assertThat(r.failedStacks().get("shop").getMessage()).startsWith("shop/" + expected.substring(5));
            assertThat(r.digests()).isEmpty();
        } else {
            assertThat(r.failedStacks()).isEmpty();
            assertThat(r.digests()).isEqualTo(expected.equals("NONE") ? Map.of() : Map.of("shop/web", expected));
        }
    }

    @Test
    void aFailedPullFailsTheStacksThatNeedItOnly() {
        engine.unpullable.add("ghcr.io/ops/broken:1");
        StackSpec a = Services.stack("a", service("web").image("ghcr.io/ops/broken:1").build());
        StackSpec b = Services.stack("b", service("web").image("ghcr.io/ops/fine:1").build(),
                service("db").image("ghcr.io/ops/broken:1").pullPolicy(PullPolicy.ALWAYS).build());
        StackSpec c = Services.stack("c", service("web").image("ghcr.io/ops/fine:1").build());
        ImagePulls.Result r = new ImagePulls(engine, new RegistryLogins(List.of(
                new RegistryAuth("https://ghcr.io", "robot", "s3cret", true))), 4)
                .run(List.of(change(a, "web", Action.CREATE), change(b, "web", Action.CREATE),
                        change(b, "db", Action.REPLACE), change(c, "web", Action.CREATE)));

        assertThat(engine.calls).containsExactlyInAnyOrder("pull ghcr.io/ops/broken:1 as robot",
                "pull ghcr.io/ops/fine:1 as robot");
        assertThat(r.failedStacks()).containsOnlyKeys("a", "b");
        assertThat(r.failedStacks().get("b").getMessage())
                .isEqualTo("b/db: pull of ghcr.io/ops/broken:1 failed: manifest unknown: check the image name and tag");
        assertThat(r.digests()).containsOnlyKeys("b/web", "c/web");
        assertThat(r.pulled()).containsOnlyKeys("ghcr.io/ops/fine:1");
    }

    @ParameterizedTest(name = "{0}, local for {1} -> {3}")
    @CsvSource(delimiter = '|', value = {
            // policy | platform of the local image (none: absent) | platform asked | calls | digest or failure
            "MISSING | none        | linux/arm64 | pull app:1 for linux/arm64 | app@sha256:pulled",
            "MISSING | linux/amd64 | linux/arm64 | pull app:1 for linux/arm64 | app@sha256:pulled",
            "MISSING | linux/arm64 | linux/arm64 | ''                         | sha256:local-app:1",
            "MISSING | linux/aarch64 | linux/arm64/v8 | ''                    | sha256:local-app:1",
            "MISSING | linux/amd64 | linux       | ''                         | sha256:local-app:1",
            "ALWAYS  | linux/arm64 | linux/arm64 | pull app:1 for linux/arm64 | app@sha256:pulled",
            "NEVER   | linux/amd64 | linux/arm64 | ''                         | FAIL:web: image app:1 is present locally for linux/amd64, not for linux/arm64 and its pull_policy is never",
    })
    void pullsForThePlatformAskedWhenTheLocalImageIsForAnother(PullPolicy policy, String local, String platform,
                                                               String calls, String expected) {
        if (!local.equals("none")) {
            engine.localImages.add("app:1");
            engine.localPlatforms.put("app:1", local);
        }
        StackSpec stack = Services.stack("shop", service("web").image("app:1").pullPolicy(policy)
                .engine(new ServiceSpec.Engine(platform, null, List.of(), 1)).build());
        ImagePulls.Result r = new ImagePulls(engine, new RegistryLogins(List.of()), 2).run(List.of(change(stack, Action.CREATE)));

        assertThat(String.join(",", engine.calls)).isEqualTo(calls);
        if (expected.startsWith("FAIL:")) {
            assertThat(r.failedStacks().get("shop").getMessage()).startsWith("shop/" + expected.substring(5));
        } else {
            assertThat(r.digests()).isEqualTo(Map.of("shop/web", expected));
        }
    }

    @Test
    void servicesAskingDifferentPlatformsOfOneImageEachGetTheirPull() {
        StackSpec stack = Services.stack("shop",
                service("arm").image("app:1").engine(new ServiceSpec.Engine("linux/arm64", null, List.of(), 1)).build(),
                service("web").image("app:1").pullPolicy(PullPolicy.ALWAYS).build());
        // one pull at a time: with two, web's pull may land first and leave app:1 local for arm to take
        new ImagePulls(engine, new RegistryLogins(List.of()), 1)
                .run(List.of(change(stack, "arm", Action.CREATE), change(stack, "web", Action.CREATE)));

        assertThat(engine.calls).containsExactlyInAnyOrder("pull app:1 for linux/arm64", "pull app:1");
    }

    private static ContainerChange change(StackSpec stack, Action action) {
        return change(stack, "web", action);
    }

    private static ContainerChange change(StackSpec stack, String service, Action action) {
        var spec = stack.project().services().get(service);
        return new ContainerChange(Address.container(stack.name(), service), action,
                action == Action.NONE ? new Reason.InSync() : new Reason.New(), List.of(), spec.containerName(stack.name()),
                action == Action.CREATE ? null : "id1", stack, spec, "hash", Map.of("dev.barge.managed", "true"));
    }
}
