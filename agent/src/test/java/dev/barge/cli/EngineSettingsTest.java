package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.apply.ApplyOptions;
import dev.barge.config.AgentConfigLoader;
import dev.barge.reconcile.ReconcileSettings;
import dev.barge.reconcile.StackScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CLI builds the Reconciler's settings from the environment and agent.yaml; the Reconciler reads neither. */
class EngineSettingsTest {

    @ParameterizedTest
    @CsvSource({"'', 30", "2s, 2", "1m30s, 90", "500ms, 0"})
    void theLockWaitIsThirtySecondsUnlessTheEnvironmentSaysOtherwise(String text, long seconds) {
        Map<String, String> env = text.isEmpty() ? Map.of() : Map.of(EngineOptions.LOCK_WAIT_ENV, text);
        assertThat(EngineOptions.lockWait(env).toSeconds()).isEqualTo(seconds);
    }

    @Test
    void aLockWaitThatIsNoDurationIsAUsageErrorNamingTheVariable() {
        assertThatThrownBy(() -> EngineOptions.lockWait(Map.of(EngineOptions.LOCK_WAIT_ENV, "soon")))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.USAGE);
                    assertThat(e.getMessage()).startsWith("BARGE_LOCK_WAIT: 'soon' is not a duration");
                });
        assertThat(EngineOptions.lockWait(Map.of(EngineOptions.LOCK_WAIT_ENV, "2s"))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theStackPrefixComesFromTheEnvironment() {
        assertThat(EngineOptions.settings(Optional.empty(), Map.of()).scope()).isEqualTo(StackScope.ALL);
        assertThat(EngineOptions.settings(Optional.empty(), Map.of(StackScope.ENV, " it ")).scope())
                .isEqualTo(new StackScope("it"));
    }

    @Test
    void withoutAnApplySectionTheBuiltInDefaultsHold() {
        ReconcileSettings settings = EngineOptions.settings(Optional.empty(), Map.of());
        assertThat(settings.apply()).isEqualTo(ApplyOptions.DEFAULTS);
        assertThat(settings.healthTimeout()).isNull();
    }

    @Test
    void applyOptionsComeFromAgentYaml(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, """
                node: {name: vm-1}
                apply:
                  settle_time: 7s
                  pull_parallelism: 2
                  health_timeout: 2m
                """);
        ReconcileSettings settings = EngineOptions.settings(Optional.of(AgentConfigLoader.load(file)), Map.of());
        assertThat(settings.apply().settleTime()).isEqualTo(Duration.ofSeconds(7));
        assertThat(settings.apply().pullParallelism()).isEqualTo(2);
        assertThat(settings.healthTimeout()).isEqualTo(Duration.ofMinutes(2));
    }
}
