package dev.barge.reconcile;

import static dev.barge.reconcile.Shell.docker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.barge.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 8.8 on the real engine: barge changes only what carries its own state dir's owner proof (or
 * what its record names from an earlier barge); everything else with barge's labels is listed as not
 * owned and left alone, with its volumes.
 */
class OwnershipIT {
    private static final String PREFIX = "itown";
    private static final String LABELLED_IMAGE = "barge-test/itown-labelled:1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @AfterEach
    void cleanUp() {
        Engine.cleanUp(PREFIX);
        Engine.cli(Map.of(), "rm", "-f", "itown-maker");
        Engine.cli(Map.of(), "volume", "rm", "-f", "itown1_stray");
        Engine.cli(Map.of(), "rmi", "-f", LABELLED_IMAGE);
    }

    /**
     * Regression (8.8): a container barge never created, whose image carries barge's labels, was deleted
     * by the first apply on a fresh node, with its volumes.
     */
    @Test
    void aContainerWithBargesLabelsFromItsImageSurvivesAnApplyWithItsVolumeAndIsListedAsNotOwned() throws IOException {
        // an image whose LABELs say "barge's, stack itown1": every container run from it inherits them
        docker("run", "-d", "--name", "itown-maker", "busybox:1.36", "sleep", "600");
        docker("commit", "-c", "LABEL dev.barge.managed=true dev.barge.stack=itown1 dev.barge.service=stray",
                "itown-maker", LABELLED_IMAGE);
        docker("rm", "-f", "itown-maker");
        docker("run", "-d", "--name", "itown1-stray-1", "-v", "itown1_stray:/data", LABELLED_IMAGE, "sleep", "600");
        Path repo = repo("itown1", "app", "sleep 600");

        Result plan = barge("plan", "--json", "--config", agent("a").toString(), "--repo", repo.toString());
        assertThat(plan.code()).as(plan.all()).isZero();
        var notes = JSON.readTree(plan.out()).get("notes");
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).get("kind").asText()).isEqualTo("not_owned");
        assertThat(notes.get(0).get("name").asText()).isEqualTo("itown1-stray-1");
        assertThat(plan.out()).doesNotContain("\"action\": \"delete\"");

        Result apply = apply("a", repo);

        assertThat(apply.code()).as(apply.all()).isZero();
        assertThat(apply.out()).contains("Note: container itown1-stray-1 (stack itown1) is not owned, left alone");
        assertThat(state("itown1-stray-1")).isEqualTo("running");
        assertThat(state("itown1-app-1")).isEqualTo("running");
        assertThat(docker("volume", "ls", "-q", "--filter", "name=^itown1_stray$")).isEqualTo("itown1_stray");

        // and with nothing selected for the node, no refusal to "remove all barge containers" and no delete either
        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty.resolve("deployments"));
        Files.writeString(empty.resolve("deployments/elsewhere.yaml"), """
                deployment: elsewhere
                match: {role: other}
                stacks:
                  - name: itown1
                    compose: {services: {app: {image: "busybox:1.36"}}}
                """);
        Result again = barge("plan", "--config", agent("fresh").toString(), "--repo", empty.toString());
        assertThat(again.code()).as(again.all()).isZero();
        assertThat(again.out()).contains("container itown1-stray-1 (stack itown1) is not owned, left alone")
                .contains("another barge instance").contains("No changes.");
    }

    /** Regression (8.8): two barge agents with different state dirs on one engine deleted each other's stacks. */
    @Test
    void twoBargeStateDirsOnOneEngineLeaveEachOtherAlone() {
        Result a = apply("a", repo("itown2a", "app", "sleep 600"));
        assertThat(a.code()).as(a.all()).isZero();

        Result b = apply("b", repo("itown2b", "app", "sleep 600"));

        assertThat(b.code()).as(b.all()).isZero();
        assertThat(b.out()).doesNotContain("- itown2a").doesNotContain("network/itown2a_default  removed")
                .contains("container itown2a-app-1 (stack itown2a) is not owned, left alone: another barge instance");
        assertThat(state("itown2a-app-1")).isEqualTo("running");
        assertThat(state("itown2b-app-1")).isEqualTo("running");

        Result planA = barge("plan", "--config", agent("a").toString(), "--repo", repo("itown2a", "app", "sleep 600").toString());
        assertThat(planA.out()).as(planA.all()).contains("No changes.")
                .contains("container itown2b-app-1 (stack itown2b) is not owned, left alone");
        // the same stack name under the other state dir: never replaced or deleted, the create fails instead
        Result clash = apply("b", repo("itown2a", "app", "sleep 601"));
        assertThat(clash.code()).as(clash.all()).isEqualTo(1);
        assertThat(clash.out()).contains("this plan creates one by that name");
        assertThat(state("itown2a-app-1")).isEqualTo("running");
        assertThat(label("itown2a-app-1", "dev.barge.spec")).isNotBlank();
    }

    /**
     * Migration: a container an earlier barge created (no owner label) that this state dir records is
     * adopted, and its replacement carries the owner label; without the record it is not owned.
     */
    @Test
    void aContainerOfAnEarlierBargeRecordedInTheStateDirIsAdoptedAndReplacedWithTheOwnerLabel() throws IOException {
        Result first = apply("a", repo("itown3", "app", "sleep 600"));
        assertThat(first.code()).as(first.all()).isZero();
        String owner = label("itown3-app-1", "dev.barge.owner");
        assertThat(owner).matches("[0-9a-f]{32}");
        asMadeByAnEarlierBarge("itown3-app-1", "itown3_default");

        Result unchanged = barge("plan", "--config", agent("a").toString(), "--repo", repo("itown3", "app", "sleep 600").toString());
        assertThat(unchanged.out()).as(unchanged.all()).contains("No changes.").contains(
                "container itown3-app-1 (stack itown3) is adopted from an earlier barge: recorded in this state dir");
        Result unrecorded = barge("plan", "--config", agent("other").toString(), "--repo", repo("itown3", "app", "sleep 600").toString());
        assertThat(unrecorded.out()).as(unrecorded.all()).contains("+ itown3/app")
                .contains("container itown3-app-1 (stack itown3) is not owned, left alone");

        Result changed = apply("a", repo("itown3", "app", "sleep 601"));

        assertThat(changed.code()).as(changed.all()).isZero();
        assertThat(changed.out()).contains("~ itown3/app").contains("is adopted from an earlier barge");
        assertThat(label("itown3-app-1", "dev.barge.owner")).isEqualTo(owner);
        Result after = barge("plan", "--config", agent("a").toString(), "--repo", repo("itown3", "app", "sleep 601").toString());
        assertThat(after.out()).as(after.all()).contains("No changes.").doesNotContain("itown3-app-1 (stack itown3) is adopted");
    }

    /** Recreates the container as a barge without owner labels left it: the same name and labels, minus the proof. */
    private static void asMadeByAnEarlierBarge(String container, String network) throws IOException {
        Map<String, String> labels = new TreeMap<>(JSON.readValue(
                docker("inspect", "-f", "{{json .Config.Labels}}", container), Map.class));
        labels.remove("dev.barge.owner");
        docker("rm", "-f", container);
        List<String> run = new ArrayList<>(List.of("run", "-d", "--name", container, "--network", network));
        labels.forEach((k, v) -> run.addAll(List.of("--label", k + "=" + v)));
        run.addAll(List.of("busybox:1.36", "sleep", "600"));
        docker(run.toArray(String[]::new));
    }

    private Path repo(String stack, String service, String command) {
        Path repo = tmp.resolve("repo-" + stack + "-" + command.replace(' ', '-'));
        try {
            Files.createDirectories(repo.resolve("deployments"));
            Files.writeString(repo.resolve("deployments/d.yaml"), """
                    deployment: d
                    match: {role: test}
                    stacks:
                      - name: %s
                        health_timeout: 20s
                        compose:
                          services:
                            %s:
                              image: busybox:1.36
                              command: [%s]
                    """.formatted(stack, service, String.join(", ", command.split(" "))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return repo;
    }

    /** The agent config of the node whose state dir is {@code tmp/state-<name>}. */
    private Path agent(String name) {
        Path agent = tmp.resolve("agent-" + name + ".yaml");
        try {
            Files.writeString(agent, """
                    node: {name: vm-own, labels: {role: test}}
                    state_dir: %s
                    """.formatted(tmp.resolve("state-" + name)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return agent;
    }

    private Result apply(String stateDir, Path repo) {
        return barge("apply", "--config", agent(stateDir).toString(), "--repo", repo.toString(), "--auto-approve");
    }

    private record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Result barge(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("BARGE_STACK_PREFIX", PREFIX, "NO_COLOR", "1"));
        return new Result(code, out.toString(), err.toString());
    }

    private static String state(String container) {
        return docker("inspect", "-f", "{{.State.Status}}", container);
    }

    private static String label(String container, String key) {
        return docker("inspect", "-f", "{{index .Config.Labels \"" + key + "\"}}", container);
    }
}
