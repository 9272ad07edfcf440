package dev.barge.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.barge.docker.ActualState;
import dev.barge.record.NodeState;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatusViewTest {
    private static final String SOURCE = "branch main of https://git.example.com/ops/deploy.git";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void human_matches_golden() {
        Golden.assertMatches("status/status.txt",
                StatusView.human(StatusSamples.status(new NodeStatus.Remote.Head(SOURCE, StatusSamples.FAILED)), false));
    }

    @Test
    void json_matches_golden() {
        Golden.assertMatches("status/status.json",
                StatusView.json(StatusSamples.status(new NodeStatus.Remote.Head(SOURCE, StatusSamples.FAILED))));
    }

    @Test
    void image_usage_matches_golden() {
        ImageQuery query = ImageQuery.parse("busybox");
        List<ImageUsage> uses = ImageUsage.find(query, StatusSamples.state(), StatusSamples.actual());
        Golden.assertMatches("status/image-busybox.txt", StatusView.imageUsage("vm-1", query, uses, false));
        Golden.assertMatches("status/image-busybox.json", StatusView.imageUsageJson("vm-1", query, uses));
    }

    static Stream<Arguments> remotes() {
        return Stream.of(
                Arguments.of(new NodeStatus.Remote.Head(SOURCE, StatusSamples.APPLIED),
                        "remote:       1a2b3c4d5e6f, head of " + SOURCE + " (applied)"),
                Arguments.of(new NodeStatus.Remote.Head(SOURCE, StatusSamples.FAILED),
                        "remote:       9d8c7b6a5f4e, head of " + SOURCE + " (not followed while pinned: barge resume applies it)"),
                Arguments.of(new NodeStatus.Remote.Unreachable(SOURCE, "git remote refused: connection\nrefused"),
                        "remote:       unreachable (git remote refused: connection refused)"),
                Arguments.of(new NodeStatus.Remote.NotConfigured(),
                        "remote:       not configured (the agent config has no source)"));
    }

    @ParameterizedTest
    @MethodSource("remotes")
    void the_remote_line_says_where_the_node_stands(NodeStatus.Remote remote, String expected) {
        assertThat(StatusView.human(StatusSamples.status(remote), false).lines()).contains("  " + expected);
    }

    @Test
    void an_unpinned_node_behind_its_remote_says_not_applied_yet() {
        NodeState unpinned = StatusSamples.state().withPin(null);
        String out = StatusView.human(new NodeStatus("vm-1", unpinned, new NodeStatus.Remote.Head(SOURCE, StatusSamples.FAILED),
                new NodeStatus.Engine.Observed(ActualState.EMPTY)), false);
        assertThat(out).contains("  pin:          not pinned\n").contains("(not applied yet)")
                .endsWith("\nNo barge container exists on this node.\n");
    }

    @Test
    void a_fresh_node_has_nothing_applied() {
        String out = StatusView.human(new NodeStatus("vm-9", NodeState.EMPTY, new NodeStatus.Remote.NotConfigured(),
                new NodeStatus.Engine.Observed(ActualState.EMPTY)), false);
        assertThat(out).isEqualTo("""
                Node vm-9
                  applied:      nothing applied yet
                  last attempt: none
                  pin:          not pinned
                  remote:       not configured (the agent config has no source)
                  agent:        not running on this state dir

                No barge container exists on this node.
                """);
    }

    @Test
    void a_running_agent_and_a_suspension_are_shown() {
        java.time.Instant t = java.time.Instant.parse("2026-01-01T10:00:00Z");
        NodeStatus status = new NodeStatus("vm-9", NodeState.EMPTY, new NodeStatus.Remote.NotConfigured(),
                new NodeStatus.Engine.Observed(ActualState.EMPTY), new NodeStatus.AgentProcess(4242, t, "127.0.0.1:9910",
                        t.plusSeconds(60), "no change at 1a2b3c4d5e6f\u001b[2J", t.plusSeconds(90)), "since " + t + " by barge suspend");
        assertThat(StatusView.human(status, false))
                .contains("  agent:        running, pid 4242 since 2026-01-01T10:00:00Z; last poll 2026-01-01T10:01:00Z:"
                        + " no change at 1a2b3c4d5e6f")
                .contains("; next poll 2026-01-01T10:01:30Z\n")
                .contains("  suspended:    since 2026-01-01T10:00:00Z by barge suspend (barge resume ends it)")
                .doesNotContain("\u001b");
        assertThat(StatusView.json(status)).contains("\"pid\": 4242").contains("\"suspended\": \"since 2026");
    }

    @Test
    void without_an_engine_the_recorded_state_is_still_shown() throws Exception {
        NodeStatus status = new NodeStatus("vm-1", StatusSamples.state(), new NodeStatus.Remote.NotConfigured(),
                new NodeStatus.Engine.Unreachable("Docker engine at unix:///var/run/docker.sock is not reachable"));
        assertThat(StatusView.human(status, false)).contains("applied:      1a2b3c4d5e6f at 2024-05-01T10:01:00Z")
                .endsWith("Containers: unknown, the Docker engine is unreachable (Docker engine at"
                        + " unix:///var/run/docker.sock is not reachable)\n");
        JsonNode json = JSON.readTree(StatusView.json(status));
        assertThat(json.get("engine").get("reachable").asBoolean()).isFalse();
        assertThat(json.get("stacks")).isEmpty();
    }

    @Test
    void json_groups_containers_by_stack_with_health_and_the_recorded_hash() throws Exception {
        JsonNode json = JSON.readTree(StatusView.json(StatusSamples.status(new NodeStatus.Remote.NotConfigured())));
        assertThat(json.get("format_version").asText()).isEqualTo("1");
        assertThat(json.get("remote").get("state").asText()).isEqualTo("not_configured");
        assertThat(json.get("stacks").findValuesAsText("name")).contains("ops", "shop");
        JsonNode cron = json.get("stacks").get(0).get("containers").get(0);
        assertThat(cron.get("name").asText()).isEqualTo("ops-cron-1");
        assertThat(cron.get("status").asText()).isEqualTo("exited");
        assertThat(cron.get("exit_code").asInt()).isEqualTo(137);
        assertThat(cron.get("health").asText()).isEqualTo("unhealthy");
        assertThat(cron.get("applied_spec_hash").asText()).isEqualTo("0c".repeat(32));
        assertThat(json.get("pin").get("reason").asText()).isEqualTo("rollback by cli");
    }

    @Test
    void human_marks_a_container_changed_outside_barge_and_colours_health() {
        String plain = StatusView.human(StatusSamples.status(new NodeStatus.Remote.NotConfigured()), false);
        assertThat(plain).contains("eeeeeeeeeeee (applied 0c0c0c0c0c0c)").contains("exited (137)");
        assertThat(plain).doesNotContain("\u001b");
        String coloured = StatusView.human(StatusSamples.status(new NodeStatus.Remote.NotConfigured()), true);
        assertThat(coloured).contains("\u001b[32mhealthy").contains("\u001b[31munhealthy");
    }

    @Test
    void no_user_of_an_image_is_one_sentence() {
        ImageQuery query = ImageQuery.parse("redis:7");
        assertThat(StatusView.imageUsage("vm-1", query, ImageUsage.find(query, StatusSamples.state(), StatusSamples.actual()), false))
                .isEqualTo("No stack on node vm-1 uses image redis:7.\n");
    }
}
