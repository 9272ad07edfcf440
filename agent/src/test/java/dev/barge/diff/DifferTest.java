package dev.barge.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.decrypt.Identities;
import dev.barge.plan.Action;
import dev.barge.plan.Address;
import dev.barge.plan.AttributeDiff;
import dev.barge.plan.Reason;
import dev.barge.select.NodeIdentity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DifferTest {
    @TempDir
    Path tmp;

    private FleetRepo base() {
        return FleetRepo.twentyNodes(tmp.resolve("base"));
    }

    private static List<String> names(FleetDiff.Group g) {
        return g.members().stream().map(Member::name).toList();
    }

    @Test
    void theSameConfigChangesNoNodeAndCountsThemAll() {
        FleetRepo base = base();
        FleetDiff diff = FleetRepo.diff(base, base.copy(tmp.resolve("head")));
        assertThat(diff.hasChanges()).isFalse();
        assertThat(diff.nodes()).isEqualTo(20);
        assertThat(diff.unchanged()).isEqualTo(20);
        assertThat(diff.warnings()).isEmpty();
    }

    @Test
    void aStagingOnlyEnvChangeShowsExactlyTheStagingNodes() {
        FleetRepo base = base();
        FleetRepo head = base.copy(tmp.resolve("head")).write("deployments/earth.yaml", FleetRepo.earth("debug"));

        FleetDiff diff = FleetRepo.diff(base, head);

        assertThat(diff.groups()).hasSize(1);
        FleetDiff.Group staging = diff.groups().get(0);
        assertThat(names(staging)).containsExactly("stage-1", "stage-2", "stage-3");
        assertThat(staging.effect().steps()).containsExactly(new Step(Address.container("shop", "web"), Action.REPLACE,
                new Reason.SpecChanged(List.of("environment.LOG_LEVEL")),
                List.of(new AttributeDiff("environment.LOG_LEVEL", "info", "debug", false))));
        assertThat(diff.changed()).isEqualTo(3);
        assertThat(diff.unchanged()).isEqualTo(17);
    }

    @Test
    void aDeploymentMovedToAnotherFileProducesTheSameContainersAndShowsNoChange() {
        FleetRepo base = base();
        FleetRepo head = base.copy(tmp.resolve("head"));
        head.delete("deployments/mars.yaml");
        head.write("deployments/planets.yaml", """
                deployment: mars
                match: {client: [mars, venus]}
                stacks:
                  - name: status
                    compose: {services: {page: {image: "busybox:1.36", command: [sleep, "3600"]}}}
                """);

        FleetDiff diff = FleetRepo.diff(base, head);

        assertThat(diff.hasChanges()).as("%s", diff.groups()).isFalse();
        assertThat(diff.unchanged()).isEqualTo(20);
    }

    /** The deployment's name is part of each container's spec (x-barge.deployment): agents replace them, so diff says so. */
    @Test
    void aRenamedDeploymentReplacesItsContainersForTheNameAlone() {
        FleetRepo base = base();
        FleetRepo head = base.copy(tmp.resolve("head"));
        head.write("deployments/mars.yaml", "deployment: red-planet\nmatch: {client: mars}\nstacks:\n"
                + "  - {name: status, compose: stacks/status/compose.yaml}\n");

        FleetDiff diff = FleetRepo.diff(base, head);

        assertThat(diff.groups()).hasSize(1);
        assertThat(names(diff.groups().get(0))).containsExactly("mars-1", "mars-2", "mars-3", "mars-4", "mars-5");
        assertThat(diff.groups().get(0).effect().steps()).singleElement().satisfies(s -> {
            assertThat(s.action()).isEqualTo(Action.REPLACE);
            assertThat(s.diffs()).containsExactly(new AttributeDiff("x-barge.deployment", "mars", "red-planet", false));
        });
    }

    @Test
    void aStackMovedFromOneClientToAnotherDeletesOnOneGroupAndCreatesOnTheOther() {
        FleetRepo base = base();
        FleetRepo head = base.copy(tmp.resolve("head"));
        head.write("deployments/mars.yaml", "deployment: mars\nmatch: {client: mars}\nstacks: []\n");
        head.write("deployments/earth.yaml", FleetRepo.earth("info") + """
                  - name: status
                    compose: stacks/status/compose.yaml
                """);

        FleetDiff diff = FleetRepo.diff(base, head);

        assertThat(diff.groups()).hasSize(2);
        FleetDiff.Group earth = diff.groups().get(0);
        FleetDiff.Group mars = diff.groups().get(1);
        assertThat(earth.count()).isEqualTo(12);
        assertThat(names(earth)).allMatch(n -> n.startsWith("earth-"));
        assertThat(earth.effect().stacksAdded()).containsExactly("status");
        assertThat(earth.effect().steps()).extracting(Step::address, Step::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Address.network("status", "status_default"), Action.CREATE),
                org.assertj.core.groups.Tuple.tuple(Address.container("status", "page"), Action.CREATE));
        assertThat(names(mars)).containsExactly("mars-1", "mars-2", "mars-3", "mars-4", "mars-5");
        assertThat(mars.effect().stacksRemoved()).containsExactly("status");
        assertThat(mars.effect().steps()).extracting(Step::address, Step::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Address.container("status", "page"), Action.DELETE),
                org.assertj.core.groups.Tuple.tuple(Address.network("status", "status_default"), Action.DELETE));
        assertThat(mars.effect().steps().get(0).reason()).isEqualTo(new Reason.RemovedFromConfig());
        assertThat(diff.unchanged()).isEqualTo(3);
    }

    private FleetRepo[] secretRepos(String baseValue, String headValue) {
        Path key = tmp.resolve("age.key");
        FleetRepo base = base().encrypt("secrets/staging.sops.env", "DB_PASSWORD=" + baseValue + "\n", key);
        base.write("deployments/earth.yaml", FleetRepo.earth("info").replace("    env: {LOG: info}\n---",
                "    env: {LOG: info}\n    env_files: [secrets/staging.sops.env]\n---"));
        base.write("stacks/shop/compose.yaml", """
                services:
                  web:
                    image: busybox:1.36
                    environment:
                      LOG_LEVEL: ${LOG}
                      DB_PASSWORD: ${DB_PASSWORD:-none}
                """);
        FleetRepo head = base.copy(tmp.resolve("head")).encrypt("secrets/staging.sops.env", "DB_PASSWORD=" + headValue + "\n", key);
        return new FleetRepo[] {base, head};
    }

    @Test
    void aChangedSopsFileShowsMayHaveChangedWithoutIdentities() {
        FleetRepo[] repos = secretRepos("old-secret-1", "new-secret-2");

        FleetDiff diff = FleetRepo.diff(repos[0], repos[1]);

        assertThat(diff.secretsByFile()).isTrue();
        assertThat(diff.groups()).singleElement().satisfies(g -> {
            assertThat(names(g)).containsExactly("stage-1", "stage-2", "stage-3");
            assertThat(g.effect().steps()).singleElement().satisfies(s -> assertThat(s.diffs()).containsExactly(
                    new AttributeDiff("environment.DB_PASSWORD", "(sensitive)", "(sensitive)", true)));
        });
        assertThat(dev.barge.view.DiffView.human(diff, false)).contains("~ environment.DB_PASSWORD: (sensitive, may have changed)")
                .doesNotContain("old-secret-1").doesNotContain("new-secret-2");
    }

    @Test
    void withIdentitiesAChangedSecretIsChangedAndAReencryptedSameValueIsUnchanged() {
        FleetRepo[] changed = secretRepos("old-secret-1", "new-secret-2");
        var identities = Identities.fromFile(tmp.resolve("age.key"), "test");

        FleetDiff diff = FleetRepo.diff(changed[0], changed[1], identities, Optional.empty());

        assertThat(diff.secretsByFile()).isFalse();
        assertThat(names(diff.groups().get(0))).containsExactly("stage-1", "stage-2", "stage-3");
        String human = dev.barge.view.DiffView.human(diff, false);
        assertThat(human).contains("~ environment.DB_PASSWORD: (sensitive, changed)")
                .doesNotContain("old-secret-1").doesNotContain("new-secret-2");
        assertThat(dev.barge.view.DiffJson.write(diff)).doesNotContain("secret-");

        tmp.resolve("base").toFile().renameTo(tmp.resolve("changed-base").toFile());
        tmp.resolve("head").toFile().renameTo(tmp.resolve("changed-head").toFile());
        FleetRepo[] same = secretRepos("same-secret", "same-secret");
        assertThat(FleetRepo.diff(same[0], same[1]).hasChanges()).as("without identities: the file changed").isTrue();
        assertThat(FleetRepo.diff(same[0], same[1], identities, Optional.empty()).hasChanges()).as("with: the value did not").isFalse();
    }

    @Test
    void anInvalidHeadIsReportedWithFileAndLineAndComparesNothing() {
        FleetRepo base = base();
        FleetRepo head = base.copy(tmp.resolve("head")).write("deployments/mars.yaml", "deployment: mars\nmatch: {client: mars}\nstackz: []\n");

        FleetDiff diff = FleetRepo.diff(base, head);

        assertThat(diff.headInvalid()).isTrue();
        assertThat(diff.groups()).isEmpty();
        assertThat(diff.headProblems()).extracting(p -> p.render()).anyMatch(r -> r.startsWith("deployments/mars.yaml:"));
    }

    @Test
    void anInvalidBaseIsReportedAndEveryNodeIsComparedWithNothing() {
        FleetRepo head = base();
        FleetRepo base = head.copy(tmp.resolve("broken")).write("fleet.yaml", "nodes: [{name: x, labelz: {}}]\n");

        FleetDiff diff = FleetRepo.diff(base, head);

        assertThat(diff.headInvalid()).isFalse();
        assertThat(diff.baseProblems()).extracting(p -> p.file()).containsExactly("fleet.yaml");
        assertThat(diff.changed()).isEqualTo(20);
        assertThat(diff.warnings()).anyMatch(w -> w.contains("the base base is invalid"));
    }

    @Test
    void oneNodeByItsLabelsNeedsNoInventory() {
        FleetRepo base = base();
        base.delete("fleet.yaml");
        FleetRepo head = base.copy(tmp.resolve("head")).write("deployments/earth.yaml", FleetRepo.earth("debug"));

        FleetDiff diff = FleetRepo.diff(base, head, List.of(),
                Optional.of(new NodeIdentity("vm-1", Map.of("client", "earth", "environment", "staging"))));

        assertThat(diff.nodes()).isEqualTo(1);
        assertThat(diff.groups()).singleElement().satisfies(g -> assertThat(names(g)).containsExactly("vm-1"));
    }

    @Test
    void anAutoscaledGroupCountsItsMembersAndAnUnknownNodeNameIsAWarning() {
        FleetRepo base = base();
        base.write("fleet.yaml", "nodes:\n  - {name: vm-1, labels: {client: earth, environment: staging}}\n"
                + "groups:\n  - {name: stage-asg, match: {client: earth, environment: staging}, count: 7}\n");
        FleetRepo head = base.copy(tmp.resolve("head")).write("deployments/earth.yaml", FleetRepo.earth("debug"))
                .write("deployments/pinned.yaml", "deployment: pinned\nnodes: [vm-1, vm-9]\nstacks: []\n");

        FleetDiff diff = FleetRepo.diff(base, head);

        assertThat(diff.nodes()).isEqualTo(8);
        assertThat(diff.groups()).singleElement().satisfies(g -> assertThat(g.count()).isEqualTo(8));
        assertThat(diff.warnings()).singleElement().asString().contains("deployments/pinned.yaml").contains("vm-9")
                .doesNotContain("vm-1,");
    }

    /** Stacks are planned one by one for speed, except where they may share a network: then the node is planned whole. */
    @Test
    void aNetworkNamedByTwoStacksIsNotDeletedWhileOneStillDeclaresIt() {
        FleetRepo base = base();
        base.write("stacks/shop/compose.yaml", """
                services:
                  web:
                    image: busybox:1.36
                    networks: [shared]
                    environment:
                      LOG_LEVEL: ${LOG}
                networks:
                  shared: {name: earth-shared}
                """);
        base.write("stacks/status/compose.yaml", """
                services:
                  page:
                    image: busybox:1.36
                    networks: [shared]
                networks:
                  shared: {name: earth-shared}
                """);
        base.write("deployments/mars.yaml", "deployment: mars\nmatch: {client: [mars, earth]}\nstacks:\n"
                + "  - {name: status, compose: stacks/status/compose.yaml}\n");
        FleetRepo head = base.copy(tmp.resolve("head"));
        head.write("deployments/mars.yaml", "deployment: mars\nmatch: {client: mars}\nstacks:\n"
                + "  - {name: status, compose: stacks/status/compose.yaml}\n");

        FleetDiff diff = FleetRepo.diff(base, head);

        assertThat(diff.groups()).singleElement().satisfies(g -> {
            assertThat(g.count()).isEqualTo(15);
            assertThat(g.effect().stacksRemoved()).containsExactly("status");
            assertThat(g.effect().steps()).extracting(Step::address).containsExactly(Address.container("status", "page"));
        });
    }
}
